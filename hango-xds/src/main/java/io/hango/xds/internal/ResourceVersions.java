package io.hango.xds.internal;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
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

  /** Version of a sorted map of name to version. */
  public static String aggregateVersions(Map<String, String> versionsByName) {
    Hasher h = Hashing.sha256().newHasher();
    versionsByName.forEach((n, v) -> pair(h, n, v));
    return h.hash().toString().substring(0, HEX_CHARS);
  }

  /**
   * Version of the first {@code count} names, which must be sorted, each with its version in
   * {@code versions}: the same as {@link #aggregateVersions(Map)} over those pairs.
   */
  static String aggregateVersions(String[] sortedNames, int count, Map<String, String> versions) {
    Hasher h = Hashing.sha256().newHasher();
    for (int i = 0; i < count; i++) {
      pair(h, sortedNames[i], versions.get(sortedNames[i]));
    }
    return h.hash().toString().substring(0, HEX_CHARS);
  }

  private static void pair(Hasher h, String name, String version) {
    // Length prefixes keep ("ab","c") and ("a","bc") apart.
    h.putInt(name.length()).putString(name, StandardCharsets.UTF_8);
    h.putInt(version.length()).putString(version, StandardCharsets.UTF_8);
  }
}
