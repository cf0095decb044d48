package io.hango.kubernetes.internal;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.hango.kubernetes.HangoCrds;
import io.hango.model.ResourceKind;
import java.util.EnumMap;
import java.util.Map;

/** fabric8's description of each Hango custom resource type. Internal. */
public final class HangoKinds {

  private static final Map<ResourceKind, ResourceDefinitionContext> CONTEXTS = new EnumMap<>(ResourceKind.class);

  static {
    for (ResourceKind k : ResourceKind.values()) {
      CONTEXTS.put(k, new ResourceDefinitionContext.Builder()
          .withGroup(HangoCrds.GROUP)
          .withVersion(HangoCrds.VERSION)
          .withKind(k.kindName())
          .withPlural(HangoCrds.plural(k))
          .withNamespaced(true)
          .build());
    }
  }

  private HangoKinds() {}

  /** The resource definition of {@code kind}. */
  public static ResourceDefinitionContext context(ResourceKind kind) {
    return CONTEXTS.get(kind);
  }
}
