package io.hango.bench.registry;

/**
 * One instance change in the registry: provider {@code instance} of {@code service} registers
 * ({@code add}) or deregisters.
 */
record ProviderChange(int service, int instance, boolean add) {

  /** The change that undoes this one. */
  ProviderChange reverse() {
    return new ProviderChange(service, instance, !add);
  }
}
