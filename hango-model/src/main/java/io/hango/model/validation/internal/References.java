package io.hango.model.validation.internal;

import io.hango.model.validation.RuleMessages;
import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Looks up the documents that other documents refer to by name, and words the error when one is
 * missing. Documents that exist but could not be bound ({@code unbound}) count as present, so a
 * typo in one document is not reported again at every reference to it. Internal.
 */
public final class References {

  private final GatewayConfig config;
  private final Set<String> unbound;

  public References(GatewayConfig config, Set<String> unbound) {
    this.config = config;
    this.unbound = unbound;
  }

  /** The document {@code kind/name}, if it was bound. */
  public <T extends Resource> Optional<T> find(ResourceKind kind, String name) {
    return config.resources().stream()
        .filter(r -> r.kind() == kind && r.name().equals(name))
        .map(r -> {
          @SuppressWarnings("unchecked")
          T t = (T) r;
          return t;
        })
        .findFirst();
  }

  /** Whether {@code kind/name} exists but could not be bound (its own errors are reported). */
  public boolean unbound(ResourceKind kind, String name) {
    return unbound.contains(kind.kindName() + "/" + name);
  }

  /** Whether {@code kind/name} exists, bound or not. */
  public boolean exists(ResourceKind kind, String name) {
    return find(kind, name).isPresent() || unbound(kind, name);
  }

  /** {@code Service 'x' does not exist; did you mean 'y'?} */
  public String missing(ResourceKind kind, String name) {
    List<String> names = config.resources().stream()
        .filter(r -> r.kind() == kind).map(Resource::name).collect(Collectors.toList());
    return RuleMessages.missing(kind, name, names);
  }
}
