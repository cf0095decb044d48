package io.hango.xds.internal;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.google.common.primitives.Longs;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import io.hango.xds.XdsResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Content versions. A resource's version is a SHA-256 of its deterministic serialization;
 * a set's version is a SHA-256 over its sorted (name, version) pairs. Never counters or
 * {@code hashCode()}: replicas and restarts must agree, so a reconnecting client is not sent
 * what it already has.
 */
public final class ResourceVersions {

  // 96 bits: collisions are not a practical concern and versions stay readable in logs.
  private static final int HEX_CHARS = 24;

  private ResourceVersions() {}

  /** Deterministic serialization (map entries sorted), so equal messages give equal bytes. */
  public static ByteString deterministicBytes(Message message) {
    byte[] bytes = new byte[message.getSerializedSize()];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      message.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return UnsafeByteOperations.unsafeWrap(bytes);
  }

  /** Hash of serialized bytes, hex. */
  public static String hash(ByteString bytes) {
    Hasher h = Hashing.sha256().newHasher();
    bytes.asReadOnlyByteBufferList().forEach(h::putBytes);
    return h.hash().toString().substring(0, HEX_CHARS);
  }

  /** Version of a set of resources, in the iteration order given (callers pass sorted sets). */
  public static String aggregate(Iterable<XdsResource> resources) {
    Hasher h = Hashing.sha256().newHasher();
    for (XdsResource r : resources) {
      pair(h, r.name(), r.version());
    }
    return h.hash().toString().substring(0, HEX_CHARS);
  }

  /**
   * Version of a set of (name, version) pairs, whatever their order: the sum of the pairs'
   * hashes. Unlike {@link #aggregate}, it can be kept up to date as pairs come and go (see
   * {@link #pairHash}), so a Delta stream's {@code system_version_info} costs what changed.
   */
  public static String setVersion(Map<String, String> versionsByName) {
    long[] sum = new long[2];
    versionsByName.forEach(
        (n, v) -> {
          long[] p = pairHash(n, v);
          sum[0] += p[0];
          sum[1] += p[1];
        });
    return setVersion(sum[0], sum[1]);
  }

  /** The 128-bit hash of one (name, version) pair, as two longs to add to a set's sums. */
  static long[] pairHash(String name, String version) {
    Hasher h = Hashing.sha256().newHasher();
    pair(h, name, version);
    byte[] b = h.hash().asBytes();
    return new long[] {Longs.fromByteArray(b), Longs.fromBytes(b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])};
  }

  /** The version of a set whose pair hashes sum to these (each sum modulo 2^64). */
  static String setVersion(long high, long low) {
    return (String.format("%016x", high) + String.format("%016x", low)).substring(0, HEX_CHARS);
  }

  private static void pair(Hasher h, String name, String version) {
    // Length prefixes keep ("ab","c") and ("a","bc") apart.
    h.putInt(name.length()).putString(name, StandardCharsets.UTF_8);
    h.putInt(version.length()).putString(version, StandardCharsets.UTF_8);
  }
}
