package io.hango.registry.nacos.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.registry.RegistrySpec;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {

  @Test
  void emptyPushProtectionIsOffAndTheCacheGoesToTheDataDirectory() {
    RegistrySpec.Nacos spec = RegistrySpec.Nacos.builder().serverAddr("10.0.0.1:8848,10.0.0.2:8848")
        .username("hango").password("s3cret").build();
    Properties p = ClientProperties.of(spec, "dev", Path.of("/var/lib/hango/nacos"));
    assertThat(p).containsEntry("serverAddr", "10.0.0.1:8848,10.0.0.2:8848")
        .containsEntry("namespace", "dev")
        .containsEntry("username", "hango")
        .containsEntry("password", "s3cret")
        .containsEntry("namingPushEmptyProtection", "false")
        .containsEntry("namingLoadCacheAtStart", "false")
        .containsEntry("JM.SNAPSHOT.PATH", "/var/lib/hango/nacos");
  }

  @Test
  void noCredentialsWhenNoneAreGiven() {
    Properties p = ClientProperties.of(RegistrySpec.Nacos.builder().serverAddr("127.0.0.1:8848").build(), "public", Path.of("d"));
    assertThat(p).doesNotContainKeys("username", "password");
  }
}
