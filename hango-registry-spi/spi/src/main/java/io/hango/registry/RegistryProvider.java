package io.hango.registry;

import io.hango.model.registry.Registry;
import io.hango.model.validation.Problem;
import java.util.List;

/**
 * A kind of registry, chosen by the {@code type} of {@code Registry} documents and found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.hango.registry.RegistryProvider}).
 *
 * <p>Implementations are stateless and thread-safe; each {@link #create} returns a new client.
 */
public interface RegistryProvider {

  /** The type name, as written in {@code spec.type} ({@code nacos}, {@code consul}, ...). */
  String type();

  /**
   * Checks what the model cannot: a custom type's {@code spec.settings}, or rules of this registry.
   * Problems name the document ({@link Registry#ref()}) and a field path such as
   * {@code spec.settings.address}. Default: none.
   */
  default List<Problem> validate(Registry registry) {
    return List.of();
  }

  /**
   * A client for one {@code Registry} document. It must not block on the network: connecting
   * happens after {@link RegistryClient#start}, and a registry that cannot be reached is reported
   * through the listener, not thrown.
   */
  RegistryClient create(RegistryContext context);
}
