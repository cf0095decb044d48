package io.hango.xds;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import com.google.protobuf.Message;
import io.hango.xds.internal.ResourceVersions;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable set of xDS resources: per type URL, a map from resource name to resource.
 *
 * <p>Each resource carries a content version (see {@link XdsResource}); the version of a
 * whole type is a hash over its (name, version) pairs. Two snapshots built from equal
 * resources have equal versions, whatever the JVM.
 *
 * <p>{@link #withChanges} derives a new snapshot that upserts and removes a few resources of
 * one type and shares everything else, so an endpoint change does not re-hash listeners.
 */
public final class Snapshot {

  private static final Snapshot EMPTY = new Snapshot(ImmutableSortedMap.of());

  private final ImmutableSortedMap<String, ImmutableSortedMap<String, XdsResource>> byType;

  private Snapshot(ImmutableSortedMap<String, ImmutableSortedMap<String, XdsResource>> byType) {
    this.byType = byType;
  }

  /** A snapshot without resources. */
  public static Snapshot empty() {
    return EMPTY;
  }

  /** A builder for a snapshot. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A snapshot from maps of name to resource, keyed by type URL.
   *
   * @throws IllegalArgumentException if a message does not have the type of its key
   */
  public static Snapshot of(Map<String, ? extends Map<String, ? extends Message>> resources) {
    Builder b = builder();
    resources.forEach((type, byName) -> byName.forEach((name, m) -> b.add(type, name, m)));
    return b.build();
  }

  /** The type URLs present, sorted. */
  public Set<String> typeUrls() {
    return byType.keySet();
  }

  /** The resources of a type by name, sorted by name; empty if the type is absent. */
  public Map<String, XdsResource> resources(String typeUrl) {
    ImmutableSortedMap<String, XdsResource> m = byType.get(typeUrl);
    return m == null ? ImmutableSortedMap.of() : m;
  }

  /** One resource, if present. */
  public Optional<XdsResource> resource(String typeUrl, String name) {
    return Optional.ofNullable(resources(typeUrl).get(name));
  }

  /** The version of a whole type: a hash over the (name, version) pairs of its resources. */
  public String version(String typeUrl) {
    return ResourceVersions.aggregate(resources(typeUrl).values());
  }

  /**
   * A new snapshot with some resources of one type added or replaced and some removed.
   * Other types, and unchanged resources of this type, are shared with this snapshot.
   *
   * @param typeUrl the type to change
   * @param upserts resources to add or replace, by name
   * @param removals names to remove (a name both upserted and removed is upserted)
   */
  public Snapshot withChanges(
      String typeUrl, Map<String, ? extends Message> upserts, Collection<String> removals) {
    requireNonNull(typeUrl, "typeUrl");
    requireNonNull(upserts, "upserts");
    requireNonNull(removals, "removals");
    TreeMap<String, XdsResource> type = new TreeMap<>(resources(typeUrl));
    removals.forEach(type::remove);
    upserts.forEach((name, m) -> type.put(name, checked(typeUrl, name, m)));
    TreeMap<String, ImmutableSortedMap<String, XdsResource>> all = new TreeMap<>(byType);
    if (type.isEmpty()) {
      all.remove(typeUrl);
    } else {
      all.put(typeUrl, ImmutableSortedMap.copyOfSorted(type));
    }
    return new Snapshot(ImmutableSortedMap.copyOfSorted(all));
  }

  private static XdsResource checked(String typeUrl, String name, Message m) {
    requireNonNull(m, "resource " + name);
    XdsResource r = XdsResource.of(name, m);
    if (!r.typeUrl().equals(typeUrl)) {
      throw new IllegalArgumentException(
          "resource " + name + " is a " + r.typeUrl() + ", not a " + typeUrl);
    }
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot s && s.byType.equals(byType);
  }

  @Override
  public int hashCode() {
    return byType.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Snapshot{");
    byType.forEach(
        (t, m) -> sb.append(t.substring(t.lastIndexOf('.') + 1)).append('=').append(m.size()).append(' '));
    return sb.append('}').toString();
  }

  /** Collects resources for a {@link Snapshot}. A later resource of the same name wins. */
  public static final class Builder {
    private final TreeMap<String, TreeMap<String, XdsResource>> byType = new TreeMap<>();

    private Builder() {}

    /** Adds a well-known resource under its own name (see {@link TypeUrls#nameOf}). */
    public Builder add(Message resource) {
      requireNonNull(resource, "resource");
      return add(TypeUrls.of(resource), TypeUrls.nameOf(resource), resource);
    }

    /** Adds a resource under a name; the type URL is the message's own. */
    public Builder add(String name, Message resource) {
      requireNonNull(resource, "resource");
      return add(TypeUrls.of(resource), name, resource);
    }

    /**
     * Adds a resource of a type under a name.
     *
     * @throws IllegalArgumentException if the message is not of that type
     */
    public Builder add(String typeUrl, String name, Message resource) {
      requireNonNull(typeUrl, "typeUrl");
      requireNonNull(name, "name");
      byType.computeIfAbsent(typeUrl, t -> new TreeMap<>()).put(name, checked(typeUrl, name, resource));
      return this;
    }

    /** Adds well-known resources, each under its own name. */
    public Builder addAll(Iterable<? extends Message> resources) {
      requireNonNull(resources, "resources");
      resources.forEach(this::add);
      return this;
    }

    /** The snapshot. */
    public Snapshot build() {
      ImmutableSortedMap.Builder<String, ImmutableSortedMap<String, XdsResource>> b =
          ImmutableSortedMap.naturalOrder();
      byType.forEach((t, m) -> b.put(t, ImmutableSortedMap.copyOfSorted(m)));
      return new Snapshot(b.build());
    }
  }
}
