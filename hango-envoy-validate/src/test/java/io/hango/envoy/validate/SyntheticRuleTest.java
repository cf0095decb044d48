package io.hango.envoy.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.DurationProto;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;
import com.google.protobuf.TimestampProto;
import io.envoyproxy.pgv.validate.Validate;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule kinds that no Envoy proto uses, on a proto built at test time. Its options are serialized and re-parsed without
 * the PGV extensions, as a descriptor read from a FileDescriptorSet would be, so they reach the validator as unknown fields.
 */
class SyntheticRuleTest {

  record Case(String rule, FieldDescriptorProto.Type type, String typeName, FieldRules rules, Object bad, Object good) {
    @Override
    public String toString() {
      return rule;
    }
  }

  private static final FieldDescriptorProto.Type STRING = FieldDescriptorProto.Type.TYPE_STRING;

  private static Case str(String rule, Validate.StringRules.Builder r, String bad, String good) {
    return new Case(rule, STRING, null, FieldRules.newBuilder().setString(r).build(), bad, good);
  }

  static List<Case> cases() {
    return List.of(
        str("string.const", Validate.StringRules.newBuilder().setConst("a"), "b", "a"),
        str("string.len", Validate.StringRules.newBuilder().setLen(2), "é", "éé"),
        str("string.max_len", Validate.StringRules.newBuilder().setMaxLen(2), "abc", "éé"),
        str("string.len_bytes", Validate.StringRules.newBuilder().setLenBytes(2), "ab c", "é"),
        str("string.contains", Validate.StringRules.newBuilder().setContains("x"), "abc", "axc"),
        str("string.not_contains", Validate.StringRules.newBuilder().setNotContains("x"), "axc", "abc"),
        str("string.not_in", Validate.StringRules.newBuilder().addNotIn("admin"), "admin", "user"),
        str("string.email", Validate.StringRules.newBuilder().setEmail(true), "a@-b.com", "ops@example.com"),
        str("string.hostname", Validate.StringRules.newBuilder().setHostname(true), "a_b.example.com", "a-b.example.com."),
        str("string.ip", Validate.StringRules.newBuilder().setIp(true), "example.com", "2001:db8::1"),
        str("string.ipv4", Validate.StringRules.newBuilder().setIpv4(true), "256.1.1.1", "10.0.0.1"),
        str("string.ipv6", Validate.StringRules.newBuilder().setIpv6(true), "1::2::3", "::ffff:10.0.0.1"),
        str("string.uri", Validate.StringRules.newBuilder().setUri(true), "/relative", "https://example.com/x"),
        str("string.uri_ref", Validate.StringRules.newBuilder().setUriRef(true), "a b", "/relative?q=1"),
        str("string.address", Validate.StringRules.newBuilder().setAddress(true), "-bad-", "10.0.0.1"),
        str("string.uuid", Validate.StringRules.newBuilder().setUuid(true), "1234", "123e4567-e89b-12d3-a456-426614174000"),
        str("string.well_known_regex", Validate.StringRules.newBuilder().setWellKnownRegex(Validate.KnownRegex.HTTP_HEADER_NAME),
            "x a", ":authority"),
        new Case("int32.const", FieldDescriptorProto.Type.TYPE_INT32, null,
            FieldRules.newBuilder().setInt32(Validate.Int32Rules.newBuilder().setConst(3)).build(), 4, 3),
        new Case("int32.in", FieldDescriptorProto.Type.TYPE_INT32, null,
            FieldRules.newBuilder().setInt32(Validate.Int32Rules.newBuilder().addIn(1).addIn(2)).build(), 3, 2),
        new Case("sint64.not_in", FieldDescriptorProto.Type.TYPE_SINT64, null,
            FieldRules.newBuilder().setSint64(Validate.SInt64Rules.newBuilder().addNotIn(-1)).build(), -1L, 1L),
        new Case("int32.gt_lt", FieldDescriptorProto.Type.TYPE_INT32, null,   // gt 10, lt 5: must be outside [5, 10]
            FieldRules.newBuilder().setInt32(Validate.Int32Rules.newBuilder().setGt(10).setLt(5)).build(), 7, 11),
        new Case("uint64.lt", FieldDescriptorProto.Type.TYPE_UINT64, null,   // 2^63 compares unsigned
            FieldRules.newBuilder().setUint64(Validate.UInt64Rules.newBuilder().setLt(Long.MIN_VALUE + 1)).build(),
            Long.MIN_VALUE + 1, Long.MIN_VALUE),
        new Case("bytes.ipv4", FieldDescriptorProto.Type.TYPE_BYTES, null,
            FieldRules.newBuilder().setBytes(Validate.BytesRules.newBuilder().setIpv4(true)).build(),
            ByteString.copyFrom(new byte[3]), ByteString.copyFrom(new byte[4])),
        new Case("bytes.prefix", FieldDescriptorProto.Type.TYPE_BYTES, null,
            FieldRules.newBuilder().setBytes(Validate.BytesRules.newBuilder().setPrefix(ByteString.copyFromUtf8("ab"))).build(),
            ByteString.copyFromUtf8("ba"), ByteString.copyFromUtf8("abc")),
        new Case("duration.const", FieldDescriptorProto.Type.TYPE_MESSAGE, ".google.protobuf.Duration",
            FieldRules.newBuilder().setDuration(Validate.DurationRules.newBuilder().setConst(Duration.newBuilder().setSeconds(5))).build(),
            Duration.newBuilder().setSeconds(6).build(), Duration.newBuilder().setSeconds(5).build()),
        new Case("timestamp.lt_now", FieldDescriptorProto.Type.TYPE_MESSAGE, ".google.protobuf.Timestamp",
            FieldRules.newBuilder().setTimestamp(Validate.TimestampRules.newBuilder().setLtNow(true)).build(),
            Timestamp.newBuilder().setSeconds(Long.parseLong("253402300799")).build(), Timestamp.newBuilder().setSeconds(1).build()));
  }

  private static final FileDescriptor FILE = buildFile();
  private static final EnvoyValidator VALIDATOR = EnvoyValidator.builder().addFileDescriptor(FILE).build();

  private static FileDescriptor buildFile() {
    FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName("synthetic.proto").setPackage("synthetic")
        .setSyntax("proto3").addDependency("validate/validate.proto").addDependency("google/protobuf/duration.proto")
        .addDependency("google/protobuf/timestamp.proto")
        .addEnumType(EnumDescriptorProto.newBuilder().setName("Color")
            .addValue(EnumValueDescriptorProto.newBuilder().setName("UNKNOWN").setNumber(0))
            .addValue(EnumValueDescriptorProto.newBuilder().setName("RED").setNumber(1)));
    List<Case> cases = cases();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName("v").setNumber(1).setType(c.type())
          .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
          .setOptions(FieldOptions.newBuilder().setExtension(Validate.rules, c.rules()));
      if (c.typeName() != null) {
        field.setTypeName(c.typeName());
      }
      file.addMessageType(DescriptorProto.newBuilder().setName("M" + i).addField(field));
    }
    file.addMessageType(DescriptorProto.newBuilder().setName("Enum").addField(FieldDescriptorProto.newBuilder()
        .setName("v").setNumber(1).setType(FieldDescriptorProto.Type.TYPE_ENUM).setTypeName(".synthetic.Color")
        .setOptions(FieldOptions.newBuilder().setExtension(Validate.rules, FieldRules.newBuilder()
            .setEnum(Validate.EnumRules.newBuilder().setConst(1)).build()))));
    try {
      // Re-parsed without an extension registry: the rules become unknown fields of FieldOptions.
      FileDescriptorProto reparsed = FileDescriptorProto.parseFrom(file.build().toByteString());
      return FileDescriptor.buildFrom(reparsed, new FileDescriptor[] {Validate.getDescriptor(),
          DurationProto.getDescriptor(), TimestampProto.getDescriptor()});
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Object[]> indexedCases() {
    List<Object[]> out = new ArrayList<>();
    List<Case> cases = cases();
    for (int i = 0; i < cases.size(); i++) {
      out.add(new Object[] {cases.get(i), i});
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indexedCases")
  void badValueFailsExactlyThatRuleAndGoodValuePasses(Case c, int index) throws Exception {
    Descriptor type = FILE.findMessageTypeByName("M" + index);
    assertThat(type.findFieldByName("v").getOptions().getUnknownFields().asMap()).isNotEmpty();

    assertThat(VALIDATOR.validate(message(type, c.bad()))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("v", c.rule()));
    assertThat(VALIDATOR.validate(message(type, c.good()))).isEmpty();
  }

  @Test
  void enumConst() {
    Descriptor type = FILE.findMessageTypeByName("Enum");
    var field = type.findFieldByName("v");
    assertThat(VALIDATOR.validate(DynamicMessage.newBuilder(type).build())).extracting(Violation::rule)
        .containsExactly("enum.const");
    assertThat(VALIDATOR.validate(DynamicMessage.newBuilder(type)
        .setField(field, field.getEnumType().findValueByNumber(1)).build())).isEmpty();
  }

  private static DynamicMessage message(Descriptor type, Object value) throws Exception {
    var field = type.findFieldByName("v");
    Object v = value;
    if (value instanceof com.google.protobuf.Message m) {
      v = DynamicMessage.newBuilder(field.getMessageType()).mergeFrom(m.toByteString()).buildPartial();
    }
    return DynamicMessage.newBuilder(type).setField(field, v).build();
  }
}
