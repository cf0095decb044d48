package io.hango.registry.nacos.internal;

import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.client.constant.Constants;
import io.hango.model.registry.RegistrySpec;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The settings handed to the Nacos client of one namespace. Besides the connection settings: the
 * client's empty-push protection is off (the runtime applies the empty-answer policy), it does not
 * start from its disk cache, and the cache it writes (its "snapshot", {@code ~/nacos/naming/...} by
 * default) goes under the registry's data directory. Internal.
 */
public final class ClientProperties {

  private ClientProperties() {}

  /** The client settings for {@code namespace} of the registry {@code spec}, writing under {@code dataDirectory}. */
  public static Properties of(RegistrySpec.Nacos spec, String namespace, Path dataDirectory) {
    Properties p = new Properties();
    p.setProperty(PropertyKeyConst.SERVER_ADDR, spec.serverAddr());
    p.setProperty(PropertyKeyConst.NAMESPACE, namespace);
    spec.username().filter(u -> !u.isEmpty()).ifPresent(u -> p.setProperty(PropertyKeyConst.USERNAME, u));
    spec.password().filter(u -> !u.isEmpty()).ifPresent(u -> p.setProperty(PropertyKeyConst.PASSWORD, u));
    p.setProperty(PropertyKeyConst.NAMING_PUSH_EMPTY_PROTECTION, "false");
    p.setProperty(PropertyKeyConst.NAMING_LOAD_CACHE_AT_START, "false");
    // The naming cache goes to DIR/nacos/naming/NAMESPACE.
    p.setProperty(Constants.SysEnv.JM_SNAPSHOT_PATH, dataDirectory.toAbsolutePath().toString());
    return p;
  }
}
