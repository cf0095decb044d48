package io.hango.translate.internal;

import java.util.Comparator;

/** A service, or one subset of it: what one cluster is made of. {@code subset} is null for the whole service. */
public record ClusterKey(String service, String subset) implements Comparable<ClusterKey> {

  private static final Comparator<ClusterKey> ORDER =
      Comparator.comparing(ClusterKey::service).thenComparing(k -> k.subset() == null ? "" : k.subset());

  public String clusterName() {
    return Names.cluster(service, subset);
  }

  @Override
  public int compareTo(ClusterKey o) {
    return ORDER.compare(this, o);
  }
}
