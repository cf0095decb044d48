package io.hango.translate.spi;

import io.hango.model.validation.Problem;
import java.util.List;

/**
 * An {@link HttpFilterPlugin} whose {@code spec.config} is a typed value: an Immutables value
 * interface declared like the model's types,
 *
 * <pre>{@code
 * @Value.Immutable
 * @HangoStyle
 * @JsonSerialize(as = ImmutableStampConfig.class)
 * @JsonDeserialize(as = ImmutableStampConfig.class)
 * public interface StampConfig {
 *   String stamp();                    // required
 *   Optional<Duration> ttl();          // "5s"
 * }
 * }</pre>
 *
 * (with {@code org.immutables:value} as annotation processor). The translator binds each plugin
 * document's config once with the model's reader ({@link io.hango.model.io.ConfigBinding}):
 * unknown fields ("unknown field 'stmp'; did you mean 'stamp'?"), value types, durations, enum
 * names (ignoring case) and missing required fields are reported exactly as for the model's
 * documents, at the full field path ({@code spec.config.stmp}) and, for configs read from files,
 * at file:line:col. Only a config that bound is handed to {@link #check} for the plugin's own
 * semantic rules (ranges, formats, fields that go together), and only a config without errors is
 * applied: hooks get it through {@link #config(AttachmentContext)}.
 *
 * @param <C> the config type
 */
public interface TypedHttpFilterPlugin<C> extends HttpFilterPlugin {

  /** The config type (an Immutables value interface under {@code @HangoStyle}). */
  @Override
  Class<C> configType();

  /**
   * The semantic problems of a {@code config} that bound (ranges, formats, cross-field rules),
   * with field paths starting with {@code pathPrefix} (e.g. {@code spec.config}). The
   * {@code resource} of returned problems may be empty: callers fill in the plugin document. Must
   * not throw. Default: none.
   */
  default List<Problem> check(C config, String pathPrefix) {
    return List.of();
  }

  /** The typed config of the plugin document that applies at {@code ctx}. */
  default C config(AttachmentContext ctx) {
    return configType().cast(ctx.parsedConfig());
  }
}
