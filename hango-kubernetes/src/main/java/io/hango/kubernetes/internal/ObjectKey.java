package io.hango.kubernetes.internal;

import io.hango.model.ResourceKind;
import java.util.Comparator;

/**
 * One Hango custom resource: its kind, namespace and name. Ordered by kind (in {@link
 * ResourceKind} order), then name, then namespace, so every replica reads the same objects in the
 * same order. Internal.
 */
public record ObjectKey(ResourceKind kind, String namespace, String name) implements Comparable<ObjectKey> {

  private static final Comparator<ObjectKey> ORDER = Comparator.comparing(ObjectKey::kind)
      .thenComparing(ObjectKey::name)
      .thenComparing(ObjectKey::namespace);

  /** The model's name of the document, {@code Kind/name}, as problems name it. */
  public String modelRef() {
    return kind.kindName() + "/" + name;
  }

  /**
   * The name the document is read under, which problems carry as their file: {@code
   * kubernetes:NAMESPACE/Kind/name}.
   */
  public String sourceName() {
    return "kubernetes:" + namespace + "/" + kind.kindName() + "/" + name;
  }

  @Override
  public int compareTo(ObjectKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return namespace + "/" + kind.kindName() + "/" + name;
  }
}
