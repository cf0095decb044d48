package io.hango.registry.eureka;

import static java.util.Objects.requireNonNull;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.validation.Problem;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryProvider;
import io.hango.registry.eureka.internal.EurekaRegistryClient;
import io.hango.registry.eureka.internal.ServiceUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code eureka} registry type ({@code spec: {type: eureka, serviceUrls: [...], refreshInterval:
 * 30s}}): a Eureka application per watched service, read over Eureka's REST API. The whole registry
 * is fetched at start and after errors, then {@code /apps/delta} every {@code refreshInterval},
 * checked against the registry's hash code; the service URLs are tried in turn on errors. See the
 * module's README for how instances map to endpoints. Stateless and thread-safe.
 */
public final class EurekaRegistryProvider implements RegistryProvider {

  /** What the model accepts as an http(s) URL; it reports the others itself. */
  private static final Pattern LOOKS_LIKE_URL = Pattern.compile("https?://[^\\s/]+(/\\S*)?");

  @Override
  public String type() {
    return "eureka";
  }

  /**
   * The service URLs that look like http(s) URLs (the model checks that much) but cannot be used,
   * such as {@code http://eureka:port/eureka} or one with characters a URL cannot hold.
   */
  @Override
  public List<Problem> validate(Registry registry) {
    requireNonNull(registry, "registry");
    List<Problem> out = new ArrayList<>();
    if (registry.spec() instanceof RegistrySpec.Eureka spec) {
      for (int i = 0; i < spec.serviceUrls().size(); i++) {
        String url = spec.serviceUrls().get(i);
        if (!LOOKS_LIKE_URL.matcher(url).matches()) {
          continue;
        }
        try {
          ServiceUrl.parse(url);
        } catch (IllegalArgumentException e) {
          out.add(Problem.error(registry.ref(), "spec.serviceUrls[" + i + "]", "'" + url + "' " + e.getMessage()));
        }
      }
    }
    return out;
  }

  /** A client of {@code context}'s registry; it connects once started. */
  @Override
  public RegistryClient create(RegistryContext context) {
    requireNonNull(context, "context");
    Registry registry = context.registry();
    if (!(registry.spec() instanceof RegistrySpec.Eureka spec)) {
      throw new IllegalArgumentException("registry " + registry.name() + " is of type " + registry.spec().typeName() + ", not eureka");
    }
    return new EurekaRegistryClient(registry.name(), spec, context.scheduler());
  }
}
