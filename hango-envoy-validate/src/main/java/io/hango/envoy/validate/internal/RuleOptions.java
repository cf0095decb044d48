package io.hango.envoy.validate.internal;

import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.pgv.validate.Validate;
import io.envoyproxy.pgv.validate.Validate.FieldRules;

/**
 * Reads the protoc-gen-validate options of a descriptor. Generated Envoy classes register the extensions when they build
 * their descriptors; descriptors built elsewhere (for example from a FileDescriptorSet) carry them as unknown fields,
 * which are re-parsed with a registry that knows them.
 */
final class RuleOptions {

  private static final ExtensionRegistry REGISTRY = ExtensionRegistry.newInstance();

  static {
    Validate.registerAllExtensions(REGISTRY);
  }

  private RuleOptions() {}

  /** The field's rules, or null if it has none. */
  static FieldRules rules(FieldDescriptor field) {
    FieldOptions options = field.getOptions();
    if (options.hasExtension(Validate.rules)) {
      return options.getExtension(Validate.rules);
    }
    if (options.getUnknownFields().hasField(Validate.rules.getNumber())) {
      try {
        FieldOptions parsed = FieldOptions.parseFrom(options.toByteString(), REGISTRY);
        return parsed.hasExtension(Validate.rules) ? parsed.getExtension(Validate.rules) : null;
      } catch (InvalidProtocolBufferException e) {
        return null;
      }
    }
    return null;
  }

  /** Whether exactly one field of the oneof must be set. */
  static boolean required(OneofDescriptor oneof) {
    OneofOptions options = oneof.getOptions();
    if (options.hasExtension(Validate.required)) {
      return options.getExtension(Validate.required);
    }
    if (options.getUnknownFields().hasField(Validate.required.getNumber())) {
      try {
        return OneofOptions.parseFrom(options.toByteString(), REGISTRY).getExtension(Validate.required);
      } catch (InvalidProtocolBufferException e) {
        return false;
      }
    }
    return false;
  }

  /** Whether validation of the message is turned off ({@code validate.disabled} or {@code validate.ignored}). */
  static boolean disabled(Descriptor message) {
    MessageOptions options = message.getOptions();
    if (options.getUnknownFields().hasField(Validate.disabled.getNumber())
        || options.getUnknownFields().hasField(Validate.ignored.getNumber())) {
      try {
        options = MessageOptions.parseFrom(options.toByteString(), REGISTRY);
      } catch (InvalidProtocolBufferException e) {
        return false;
      }
    }
    return options.getExtension(Validate.disabled) || options.getExtension(Validate.ignored);
  }
}
