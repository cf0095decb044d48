package io.hango.translate.internal;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;

/** Small, pure proto helpers shared by the translators. Internal: may change without notice. */
public final class Protos {

  private static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  private Protos() {}

  /** The type URL of a message type, as used in {@code Any} and xDS. */
  public static String typeUrl(Message m) {
    return TYPE_URL_PREFIX + m.getDescriptorForType().getFullName();
  }

  /**
   * Packs {@code m} with deterministic serialization (map entries sorted), so that equal messages
   * always give equal bytes; {@link Any#pack} does not guarantee that.
   */
  public static Any pack(Message m) {
    return Any.newBuilder().setTypeUrl(typeUrl(m)).setValue(deterministicBytes(m)).build();
  }

  /** The deterministic serialization of {@code m}. */
  public static ByteString deterministicBytes(Message m) {
    try {
      ByteString.Output out = ByteString.newOutput(m.getSerializedSize());
      CodedOutputStream cos = CodedOutputStream.newInstance(out);
      cos.useDeterministicSerialization();
      m.writeTo(cos);
      cos.flush();
      return out.toByteString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A proto Duration. */
  public static com.google.protobuf.Duration duration(Duration d) {
    return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
  }

  /** The config source "over the ADS stream, v3". */
  public static ConfigSource ads() {
    return ConfigSource.newBuilder()
        .setAds(AggregatedConfigSource.getDefaultInstance())
        .setResourceApiVersion(ApiVersion.V3)
        .build();
  }

  /**
   * A fractional percent of {@code percent} (0–100, fractions allowed): HUNDRED when whole,
   * otherwise MILLION (the finest Envoy offers).
   */
  public static FractionalPercent fraction(double percent) {
    double p = Math.max(0, Math.min(100, percent));
    if (p == Math.rint(p)) {
      return FractionalPercent.newBuilder().setNumerator((int) p).setDenominator(FractionalPercent.DenominatorType.HUNDRED).build();
    }
    long millionths = new BigDecimal(Double.toString(p)).movePointRight(4).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    return FractionalPercent.newBuilder()
        .setNumerator((int) millionths)
        .setDenominator(FractionalPercent.DenominatorType.MILLION)
        .build();
  }

  /** A {@code google.protobuf.UInt32Value}. */
  public static com.google.protobuf.UInt32Value u32(int v) {
    return com.google.protobuf.UInt32Value.of(v);
  }
}
