package io.hango.envoy.validate.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Interprets protoc-gen-validate rules over any message by reflection. Rules are compiled once per message type into a
 * {@link MessagePlan}; plans are cached, so the engine is cheap to call and safe to share between threads.
 */
public final class ValidationEngine {

  static final String ANY = "google.protobuf.Any";

  private final TypeResolver resolver;
  private static final int MAX_CACHED_REGEXES = 100_000;
  static final String DURATION = "google.protobuf.Duration";
  /** Protobuf's largest Duration: 10,000 years. */
  private static final long MAX_DURATION_SECONDS = 315_576_000_000L;

  private final ConcurrentHashMap<Descriptor, MessagePlan> plans = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> regexErrors = new ConcurrentHashMap<>();

  public ValidationEngine(TypeResolver resolver) {
    this.resolver = resolver;
  }

  public TypeResolver resolver() {
    return resolver;
  }

  /** Validates {@code m} (an {@code Any} is unpacked first), reporting to {@code sink}. */
  public void validate(Message m, ViolationSink sink) {
    validateNested(m, sink);
  }

  void validateNested(Message m, ViolationSink sink) {
    if (m.getDescriptorForType().getFullName().equals(ANY)) {
      validateAny(m, sink);
    } else {
      validateMessage(m, sink);
    }
  }

  private void validateMessage(Message m, ViolationSink sink) {
    if (m.getDescriptorForType().getFullName().equals(DURATION)) {
      checkEnvoyDuration(m, sink);
    }
    MessagePlan plan = plan(m.getDescriptorForType());
    if (plan.disabled) {
      return;
    }
    FieldPath path = sink.path();
    for (OneofDescriptor oneof : plan.requiredOneofs) {
      if (!m.hasOneof(oneof)) {
        path.push(oneof.getName());
        sink.error("oneof.required", "exactly one of " + oneof.getFields().stream().map(FieldDescriptor::getName)
            .collect(Collectors.joining(", ", "[", "]")) + " is required");
        path.pop();
      }
    }
    for (FieldPlan field : plan.fields) {
      field.apply(m, sink, this);
    }
    if (plan.regexField != null) {
      String error = re2Error((String) m.getField(plan.regexField));
      if (!error.isEmpty()) {
        path.push(plan.regexField.getName());
        sink.error("regex.re2", "regex does not compile under RE2: " + error);
        path.pop();
      }
    }
  }

  /**
   * Envoy checks every Duration of every config, whatever the field's own rules say: negative
   * values and values outside protobuf's range are rejected when the config is loaded
   * ({@code MessageUtil::validateDurationFields}: "Expected positive duration" / "Duration
   * out-of-range").
   */
  private static void checkEnvoyDuration(Message d, ViolationSink sink) {
    Descriptor type = d.getDescriptorForType();
    if (sink.hasErrorHere()) {
      return; // the field's own duration rule already rejected this value
    }
    long seconds = (Long) d.getField(type.findFieldByName("seconds"));
    int nanos = (Integer) d.getField(type.findFieldByName("nanos"));
    if (seconds < 0 || nanos < 0) {
      sink.error("duration.envoy_positive", "Envoy rejects negative durations (" + seconds + "s " + nanos + "ns)");
    } else if (seconds > MAX_DURATION_SECONDS || nanos > 999_999_999) {
      sink.error("duration.envoy_range", "duration out of protobuf's range (" + seconds + "s " + nanos + "ns)");
    }
  }

  /** The RE2 compile error of {@code regex}, empty if it compiles; cached, as configs repeat their regexes. */
  private String re2Error(String regex) {
    String cached = regexErrors.get(regex);
    if (cached != null) {
      return cached;
    }
    String error;
    try {
      Pattern.compile(regex);
      error = "";
    } catch (PatternSyntaxException e) {
      error = e.getMessage();
    }
    if (regexErrors.size() < MAX_CACHED_REGEXES) {
      regexErrors.put(regex, error);
    }
    return error;
  }

  private void validateAny(Message any, ViolationSink sink) {
    TypeResolver.Unpacked u = resolver.unpack(any);
    switch (u.status()) {
      case EMPTY_TYPE_URL -> sink.error("any.type_url", "Any has no type URL");
      case UNKNOWN_TYPE -> sink.error("any.unknown_type", "unknown type " + u.typeName()
          + " (not an Envoy API type nor one added to the validator)");
      case MALFORMED -> sink.error("any.malformed", "value is not a valid " + u.typeName() + ": " + u.error());
      case TYPED_STRUCT -> {
        sink.path().push(new FieldPath.TypeNote(u.typeName()));
        FieldDescriptor typeUrl = u.message().getDescriptorForType().findFieldByName("type_url");
        if (((String) u.message().getField(typeUrl)).isEmpty()) {
          sink.path().push("type_url");
          sink.error("typed_struct.type_url", "a TypedStruct must name the type of its value");
          sink.path().pop();
        }
        sink.path().pop();
      }
      case OK -> {
        sink.path().push(new FieldPath.TypeNote(u.typeName()));
        validateMessage(u.message(), sink);
        sink.path().pop();
      }
      default -> throw new IllegalStateException(u.status().name());
    }
  }

  private MessagePlan plan(Descriptor type) {
    MessagePlan plan = plans.get(type);
    if (plan == null) {
      plan = MessagePlan.compile(type);
      MessagePlan raced = plans.putIfAbsent(type, plan);
      if (raced != null) {
        plan = raced;
      }
    }
    return plan;
  }
}
