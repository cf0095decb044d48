package io.hango.envoy.validate.internal;

/** The compiled rules of one field for a single value (a singular field, a list item, a map key or a map value). */
interface ValueCheck {

  /**
   * Checks one value as returned by {@link com.google.protobuf.Message#getField} (String, Integer, Long, Float, Double,
   * Boolean, ByteString, EnumValueDescriptor or Message) and reports what fails.
   */
  void check(Object value, ViolationSink sink);
}
