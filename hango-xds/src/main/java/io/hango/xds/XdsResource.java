package io.hango.xds;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.hango.xds.internal.ResourceVersions;

/**
 * One resource of a {@link Snapshot}: its name, its content version and the resource itself.
 *
 * <p>The version is a hash of the resource's deterministic serialization, so equal resources
 * have equal versions in any JVM and on any replica. The serialized bytes are kept and reused
 * for every stream that receives the resource, so a resource is serialized once per publish,
 * not once per client.
 */
public final class XdsResource {

  private final String name;
  private final String typeUrl;
  private final Message message;
  private final ByteString bytes;
  private final String version;

  private XdsResource(String name, String typeUrl, Message message) {
    this.name = requireNonNull(name, "name");
    this.typeUrl = requireNonNull(typeUrl, "typeUrl");
    this.message = requireNonNull(message, "message");
    this.bytes = ResourceVersions.deterministicBytes(message);
    this.version = ResourceVersions.hash(bytes);
  }

  /**
   * Wraps a resource under a name. The type URL is the message's own.
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public static XdsResource of(String name, Message message) {
    requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("resource name must not be empty");
    }
    return new XdsResource(name, TypeUrls.of(message), message);
  }

  /** The resource name clients subscribe to. */
  public String name() {
    return name;
  }

  /** The type URL, taken from the message. */
  public String typeUrl() {
    return typeUrl;
  }

  /** The resource. */
  public Message message() {
    return message;
  }

  /** Content hash of the deterministic serialization (hex). */
  public String version() {
    return version;
  }

  /** The resource packed as {@code Any}, from the bytes the version was computed on. */
  public Any toAny() {
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(bytes).build();
  }

  /** Serialized size in bytes. */
  public int serializedSize() {
    return bytes.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof XdsResource r
        && r.name.equals(name)
        && r.typeUrl.equals(typeUrl)
        && r.version.equals(version);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + version.hashCode();
  }

  @Override
  public String toString() {
    return typeUrl.substring(typeUrl.lastIndexOf('.') + 1) + "/" + name + "@" + version;
  }
}
