package io.hango.registry.zookeeper.internal;

import io.hango.registry.Instance;
import io.hango.registry.ServiceRef;
import java.util.List;
import java.util.Map;

/**
 * Where a registration layout keeps a service's instances in ZooKeeper, and how its nodes map to
 * {@link Instance}s: one child node per instance under one service node. Internal.
 */
interface Layout {

  /**
   * The node whose children are {@code ref}'s instances.
   *
   * @throws IllegalArgumentException if {@code ref}'s name cannot be part of a ZooKeeper path here
   */
  String servicePath(ServiceRef ref);

  /** Whether the children's data describe the instances (otherwise their names do). */
  boolean readsData();

  /**
   * Every instance of {@code ref} among the service node's children, healthy or not.
   *
   * @param children the children's data by name ({@code null} data when {@link #readsData()} is false)
   */
  List<Instance> instances(ServiceRef ref, Map<String, byte[]> children);
}
