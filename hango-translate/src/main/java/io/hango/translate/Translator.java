package io.hango.translate;

import static java.util.Objects.requireNonNull;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.hango.model.service.Endpoint;
import io.hango.translate.internal.emit.EndpointEmitter;

import io.hango.model.GatewayConfig;
import io.hango.translate.internal.PluginRegistry;
import io.hango.translate.internal.TranslationRun;
import io.hango.translate.spi.HttpFilterPlugin;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a gateway config plus discovered endpoints into Envoy v3 resources: a pure,
 * deterministic function of (config, endpoints, options, plugins). The same input gives
 * byte-identical output whatever the order of the documents; the translator never throws on odd
 * input but leaves out what it cannot translate, with a {@link Diagnostic} saying why. Instances are
 * immutable and thread-safe.
 *
 * <pre>{@code
 * Translation t = Translator.defaults().translate(config, Endpoints.fromStaticConfig(config));
 * t.diagnostics().forEach(System.out::println);
 * String yaml = t.resources().toYaml();
 * }</pre>
 *
 * <p>The mapping (names, route order, what each model field becomes) is described in the module's
 * README: listeners and route configurations are named {@code <gateway>/<listener>}, virtual hosts
 * after their host, clusters {@code <service>} and {@code <service>|<subset>}; routes are ordered by
 * priority, then path kind (exact, template, regex, prefix), path length, number of conditions,
 * host specificity and name.
 */
public final class Translator {

  private final TranslatorOptions options;
  private final PluginRegistry plugins;

  private Translator(TranslatorOptions options, PluginRegistry plugins) {
    this.options = options;
    this.plugins = plugins;
  }

  /** A translator with default options and the plugins found with {@link java.util.ServiceLoader}. */
  public static Translator defaults() {
    return builder().build();
  }

  /** A builder: default options, plugins from {@link java.util.ServiceLoader} unless set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Translates {@code config} with {@code endpoints}.
   *
   * <p>Precondition: {@code config} passed validation ({@link GatewayConfig#validate()} and
   * {@link #pluginValidator()}) without errors. The translator does not check the model's rules
   * again. Given a config that was not validated it still never throws: what breaks a rule of the
   * model is left out and reported once, in the words the validator uses for that rule, followed by
   * what was left out (e.g. {@code Gateway 'nowhere' does not exist; route left out}). Its own
   * diagnostics are about what Envoy cannot express or what does not apply.
   */
  public Translation translate(GatewayConfig config, Endpoints endpoints) {
    requireNonNull(config, "config");
    requireNonNull(endpoints, "endpoints");
    return new TranslationRun(config, endpoints, options, plugins).run();
  }

  /**
   * The ClusterLoadAssignments of one service's EDS clusters (the service's own and one per subset)
   * for {@code endpoints}, exactly as {@link #translate} would emit them: what a registry change
   * republishes, without translating anything else. Empty for an unknown service or one whose
   * endpoints are host names served by DNS. Endpoints that are not IP addresses are left out.
   */
  public List<ClusterLoadAssignment> endpointAssignments(GatewayConfig config, String service, List<Endpoint> endpoints) {
    requireNonNull(config, "config");
    requireNonNull(service, "service");
    requireNonNull(endpoints, "endpoints");
    return config.service(service).map(s -> EndpointEmitter.assignments(s, endpoints)).orElse(List.of());
  }

  /** The options. */
  public TranslatorOptions options() {
    return options;
  }

  /** The plugins, in filter-chain order. */
  public List<HttpFilterPlugin> plugins() {
    return plugins.ordered();
  }

  /** A validator of plugin configs that knows this translator's plugins. */
  public PluginConfigValidator pluginValidator() {
    return new PluginConfigValidator(plugins);
  }

  /** Builds a {@link Translator}. */
  public static final class Builder {
    private TranslatorOptions options = TranslatorOptions.defaults();
    private List<HttpFilterPlugin> plugins;

    private Builder() {}

    /** The options. Default: {@link TranslatorOptions#defaults()}. */
    public Builder options(TranslatorOptions options) {
      this.options = requireNonNull(options, "options");
      return this;
    }

    /** Exactly these plugins instead of those found with {@link java.util.ServiceLoader}. */
    public Builder plugins(List<? extends HttpFilterPlugin> plugins) {
      requireNonNull(plugins, "plugins");
      this.plugins = new ArrayList<>(plugins);
      this.plugins.forEach(p -> requireNonNull(p, "plugin"));
      return this;
    }

    /** Exactly these plugins instead of those found with {@link java.util.ServiceLoader}. */
    public Builder plugins(HttpFilterPlugin... plugins) {
      return plugins(List.of(plugins));
    }

    /**
     * Builds the translator.
     *
     * @throws IllegalArgumentException if two plugins claim the same type or filter name
     */
    public Translator build() {
      return new Translator(options, plugins == null ? PluginRegistry.discover() : PluginRegistry.of(plugins));
    }
  }
}
