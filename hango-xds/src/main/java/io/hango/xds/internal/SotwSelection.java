package io.hango.xds.internal;

import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import com.google.protobuf.Any;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsResource;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a state-of-the-world subscription selects from one {@link TypeGeneration}: the
 * resources (for EDS with an empty assignment for every subscribed name without one), their
 * version (a hash over the sorted (name, version) pairs) and their encoding. Computed once per
 * generation and subscription and shared by every stream of the group that subscribes alike,
 * as most proxies of a gateway do.
 *
 * @param resources by name, sorted; unmodifiable
 * @param version the version of the set
 * @param encoded the resources packed as {@code Any}, in name order
 */
record SotwSelection(SortedMap<String, XdsResource> resources, String version, List<Any> encoded) {

  /**
   * A subscription of one type: the wildcard and the names. Equal subscriptions are one
   * object ({@link #of}), so streams find their shared selection by identity.
   */
  record Subscription(String typeUrl, boolean wildcard, ImmutableSortedSet<String> names) {

    private static final Interner<Subscription> INTERNED = Interners.newWeakInterner();

    static Subscription of(String typeUrl, boolean wildcard, Iterable<String> names) {
      return INTERNED.intern(new Subscription(typeUrl, wildcard, ImmutableSortedSet.copyOf(names)));
    }

    boolean covers(String name) {
      return wildcard || names.contains(name);
    }
  }

  /** The selection of a subscription from resources of its type. */
  static SotwSelection of(Subscription subscription, Map<String, XdsResource> resources) {
    TreeMap<String, XdsResource> selected = new TreeMap<>();
    if (subscription.wildcard()) {
      selected.putAll(resources);
    }
    boolean endpoints = TypeUrls.ENDPOINT.equals(subscription.typeUrl());
    for (String name : subscription.names()) {
      XdsResource r = resources.get(name);
      if (r != null) {
        selected.put(name, r);
      } else if (endpoints) {
        // Envoy keeps a cluster warming until its endpoints arrive: "no endpoints" is said
        // explicitly.
        selected.put(name, XdsStream.emptyEndpoints(name));
      }
    }
    return new SotwSelection(
        Collections.unmodifiableSortedMap(selected),
        ResourceVersions.aggregate(selected.values()),
        selected.values().stream().map(XdsResource::toAny).toList());
  }
}
