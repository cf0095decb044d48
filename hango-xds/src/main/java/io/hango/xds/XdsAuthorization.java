package io.hango.xds;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The outcome of {@link XdsAuthorizer#authorize}: allowed (optionally restricted to a group)
 * or denied with a reason that is sent to the client.
 */
public final class XdsAuthorization {

  private static final XdsAuthorization ALLOW = new XdsAuthorization(true, null, null);

  private final boolean allowed;
  private final String group;
  private final String reason;

  private XdsAuthorization(boolean allowed, String group, String reason) {
    this.allowed = allowed;
    this.group = group;
    this.reason = reason;
  }

  /** Allowed, in the group proposed by the node-group function. */
  public static XdsAuthorization allow() {
    return ALLOW;
  }

  /** Allowed, but only to read this group, whatever the node claims. */
  public static XdsAuthorization allowGroup(String group) {
    return new XdsAuthorization(true, requireNonNull(group, "group"), null);
  }

  /** Denied; the reason becomes the status description. */
  public static XdsAuthorization deny(String reason) {
    return new XdsAuthorization(false, null, requireNonNull(reason, "reason"));
  }

  /** Whether the stream may proceed. */
  public boolean allowed() {
    return allowed;
  }

  /** The group imposed by the authorizer, if any. */
  public Optional<String> group() {
    return Optional.ofNullable(group);
  }

  /** The denial reason, if denied. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }
}
