package io.hango.registry.kubernetes.internal;

import io.fabric8.kubernetes.client.Config;
import io.hango.model.registry.RegistrySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds fabric8's client {@link Config} from a {@code kubernetes} registry's settings: the
 * kubeconfig file if one is named, else fabric8's standard lookup (the {@code KUBECONFIG}
 * variable, {@code ~/.kube/config}, then the in-cluster service account); {@code apiServer}
 * replaces the server of either. Errors never show the kubeconfig's contents. Internal.
 */
final class ClientConfigs {

  private ClientConfigs() {}

  /** A configuration that could not be loaded, with a message safe to log. */
  static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
      super(message);
    }
  }

  /**
   * The client configuration for {@code spec}. Reads local files (and, for a kubeconfig with an
   * {@code exec} credential plugin, runs it): call it off the shared scheduler.
   */
  static Config build(RegistrySpec.Kubernetes spec, Tuning tuning) throws ConfigException {
    Config config;
    if (spec.kubeconfig().isPresent()) {
      Path file = expandHome(spec.kubeconfig().get());
      if (!Files.isReadable(file)) {
        throw new ConfigException("kubeconfig " + file + " does not exist or cannot be read");
      }
      try {
        config = Config.fromKubeconfig(file.toFile());
      } catch (RuntimeException e) {
        // The parser's message may quote the file, credentials included: name the file only.
        throw new ConfigException("kubeconfig " + file + " could not be loaded (" + e.getClass().getSimpleName()
            + "; its contents are not shown)");
      }
    } else {
      config = Config.autoConfigure(null);
    }
    spec.apiServer().ifPresent(config::setMasterUrl);
    if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
      throw new ConfigException("no API server: set spec.apiServer or a kubeconfig with a server");
    }
    // The informers retry lists and watches for ever, with their own backoff; retrying each
    // request as well would only hide an outage for longer.
    config.setRequestRetryBackoffLimit(0);
    config.setWatchReconnectInterval(millis(tuning.retryInterval()));
    config.setWatchReconnectLimit(-1);
    config.setConnectionTimeout(millis(tuning.connectTimeout()));
    config.setRequestTimeout(millis(tuning.requestTimeout()));
    return config;
  }

  /** {@code path} with a leading {@code ~/} replaced by the user's home directory. */
  static Path expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + path.substring(1));
    }
    return Path.of(path);
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }
}
