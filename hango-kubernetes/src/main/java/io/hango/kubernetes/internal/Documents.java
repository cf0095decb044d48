package io.hango.kubernetes.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a custom resource into the Hango document the model reads: {@code apiVersion}, {@code
 * kind}, {@code metadata} with only {@code name} and {@code labels}, and {@code spec}.
 * Everything else the API server adds ({@code namespace}, {@code uid}, {@code generation}, {@code
 * resourceVersion}, annotations, managed fields, {@code status}) is left out, so it can never reach
 * an Envoy resource or a version, and replicas reading the same objects read the same text
 * (indented JSON, which the model's YAML reader reads). The
 * text is also what tells a real change from a status write. Internal.
 */
public final class Documents {

  // JSON, indented (one field per line, so positions mean something), which the model's YAML
  // reader takes as it is: every string stays quoted, so "1.2" or "2" never turn into numbers.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Documents() {}

  /** The document text of {@code resource}. */
  public static String text(GenericKubernetesResource resource) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", resource.getApiVersion());
    doc.put("kind", resource.getKind());
    Map<String, Object> metadata = new LinkedHashMap<>();
    ObjectMeta meta = resource.getMetadata();
    metadata.put("name", meta.getName());
    if (meta.getLabels() != null && !meta.getLabels().isEmpty()) {
      metadata.put("labels", new TreeMap<>(meta.getLabels()));
    }
    doc.put("metadata", metadata);
    Object spec = resource.getAdditionalProperties().get("spec");
    if (spec != null) {
      doc.put("spec", spec);
    }
    // Any other top-level field a user wrote (a typo of spec, say) is kept, for the model to name.
    resource.getAdditionalProperties().forEach((k, v) -> {
      if (!k.equals("spec") && !k.equals("status")) {
        doc.put(k, v);
      }
    });
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + meta.getName() + " as JSON", e);
    }
  }
}
