package io.hango.envoy.validate;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import io.hango.envoy.validate.internal.TypeResolver;
import io.hango.envoy.validate.internal.ValidationEngine;
import io.hango.envoy.validate.internal.ViolationSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks Envoy v3 resources against the protoc-gen-validate constraints ({@code validate.rules}) written in Envoy's
 * protos, the way Envoy does before accepting them, and reports every violation rather than the first.
 *
 * <p>Messages packed in {@code google.protobuf.Any} (the HttpConnectionManager in a Listener's filter chain, HTTP
 * filter configs, {@code typed_per_filter_config} values, transport sockets, ...) are unpacked and validated too. An
 * {@code Any} whose type is not known is itself a violation ({@code any.unknown_type}); a {@code TypedStruct} is not
 * unpacked (its contents are opaque by design), but must name its type. Beyond proto rules, every Envoy RE2
 * {@code RegexMatcher.regex} must compile ({@code regex.re2}).
 *
 * <p>Rules are compiled once per message type and cached: reuse one instance. Instances are thread-safe.
 *
 * <pre>{@code
 * EnvoyValidator validator = EnvoyValidator.create();
 * List<Violation> problems = validator.validate(listener);
 * problems.forEach(System.out::println);
 * }</pre>
 */
public final class EnvoyValidator {

  private final ValidationEngine engine;

  private EnvoyValidator(ValidationEngine engine) {
    this.engine = engine;
  }

  /** A validator that knows every message type of the Envoy API (envoy, xds, udpa). */
  public static EnvoyValidator create() {
    return builder().build();
  }

  /** A builder, to make types outside the Envoy API known (for example a custom filter's config). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every violation in {@code resource} (any Envoy message; typically a Listener, RouteConfiguration, Cluster,
   * ClusterLoadAssignment or Secret). Empty if it is valid.
   */
  public List<Violation> validate(Message resource) {
    requireNonNull(resource, "resource");
    List<Violation> out = new ArrayList<>();
    engine.validate(resource, new ViolationSink(resource, out));
    return Collections.unmodifiableList(out);
  }

  /** Every violation in every one of {@code resources}, in order. */
  public List<Violation> validate(Iterable<? extends Message> resources) {
    requireNonNull(resources, "resources");
    List<Violation> out = new ArrayList<>();
    for (Message resource : resources) {
      requireNonNull(resource, "resource");
      engine.validate(resource, new ViolationSink(resource, out));
    }
    return Collections.unmodifiableList(out);
  }

  /** Whether {@code resource} has no violation. */
  public boolean isValid(Message resource) {
    return validate(resource).isEmpty();
  }

  ValidationEngine engine() {
    return engine;
  }

  /** Builds an {@link EnvoyValidator}. */
  public static final class Builder {

    private final Map<String, Message> types = new HashMap<>();

    private Builder() {}

    /**
     * Makes a message type known, so that an {@code Any} of that type is unpacked and validated; {@code prototype} is
     * its default instance (generated or {@link com.google.protobuf.DynamicMessage}).
     */
    public Builder addType(Message prototype) {
      requireNonNull(prototype, "prototype");
      types.put(prototype.getDescriptorForType().getFullName(), prototype.getDefaultInstanceForType());
      return this;
    }

    /**
     * Makes every message type of {@code file} known (as dynamic messages). Its {@code validate.rules} options are
     * honoured even when the descriptor was built without the PGV extensions registered.
     */
    public Builder addFileDescriptor(FileDescriptor file) {
      requireNonNull(file, "file");
      TypeResolver.addAll(file, types);
      return this;
    }

    public EnvoyValidator build() {
      return new EnvoyValidator(new ValidationEngine(new TypeResolver(types)));
    }
  }
}
