package io.hango.registry.eureka.internal;

import java.util.List;

/**
 * The body of {@code /apps} (every instance) or {@code /apps/delta} (the instances that changed
 * lately, each with its action), with the registry's {@code apps__hashcode}. Internal.
 *
 * @param hashcode {@code apps__hashcode}: the count of instances per status of the whole registry,
 *     e.g. {@code DOWN_2_UP_5_} (empty for an empty registry)
 * @param instances the instances listed
 */
public record Applications(String hashcode, List<EurekaInstance> instances) {

  public Applications {
    instances = List.copyOf(instances);
  }
}
