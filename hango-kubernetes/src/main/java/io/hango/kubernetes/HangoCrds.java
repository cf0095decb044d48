package io.hango.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.hango.model.ResourceKind;
import io.hango.model.io.ModelSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CustomResourceDefinitions of the Hango kinds ({@code hango.io/v1alpha1}: Gateway, Route,
 * Service, Plugin, Registry, Secret), generated from the model: each spec's OpenAPI v3 schema is
 * {@link ModelSchema#specSchema}, so the CRDs cannot drift from what the model reads. Each CRD is
 * namespaced, has a {@code status} subresource (conditions, written by {@link
 * KubernetesConfigSource}), printer columns and a short name.
 *
 * <p>Why Hango's own {@code Secret} kind and not core Secrets: the examples (and any config that
 * works with {@code hango serve DIR}) apply unchanged, and one model and validator serve both
 * stores. Private keys are better kept out of custom resources, which are not encrypted at rest
 * and are readable by whoever can read the Hango kinds: reference them as files ({@code
 * privateKey: {file: /etc/tls/tls.key}}) mounted into the proxy from a core Secret, so they reach
 * neither the API server's Hango objects nor xDS. See {@code docs/kubernetes.md}.
 */
public final class HangoCrds {

  /** The API group of the Hango kinds. */
  public static final String GROUP = "hango.io";

  /** The served and stored version. */
  public static final String VERSION = "v1alpha1";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private HangoCrds() {}

  /** The plural resource name of {@code kind}, e.g. {@code registries}. */
  public static String plural(ResourceKind kind) {
    String lower = kind.kindName().toLowerCase(Locale.ROOT);
    boolean consonantY = lower.length() > 1 && lower.endsWith("y") && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0;
    return consonantY ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
  }

  /** The short name of {@code kind} for {@code kubectl get}, e.g. {@code hroute}. */
  public static String shortName(ResourceKind kind) {
    return "h" + kind.kindName().toLowerCase(Locale.ROOT);
  }

  /** The CRD of {@code kind}, as a JSON tree. */
  public static ObjectNode crd(ResourceKind kind) {
    ObjectNode crd = JSON.objectNode();
    crd.put("apiVersion", "apiextensions.k8s.io/v1");
    crd.put("kind", "CustomResourceDefinition");
    crd.putObject("metadata").put("name", plural(kind) + "." + GROUP);
    ObjectNode spec = crd.putObject("spec");
    spec.put("group", GROUP);
    spec.put("scope", "Namespaced");
    ObjectNode names = spec.putObject("names");
    names.put("kind", kind.kindName());
    names.put("listKind", kind.kindName() + "List");
    names.put("plural", plural(kind));
    names.put("singular", kind.kindName().toLowerCase(Locale.ROOT));
    names.putArray("shortNames").add(shortName(kind));
    names.putArray("categories").add("hango");
    ObjectNode version = spec.putArray("versions").addObject();
    version.put("name", VERSION);
    version.put("served", true);
    version.put("storage", true);
    version.putObject("subresources").putObject("status");
    printerColumns(version.putArray("additionalPrinterColumns"));
    ObjectNode schema = version.putObject("schema").putObject("openAPIV3Schema");
    schema.put("type", "object");
    schema.put("description", "A Hango " + kind.kindName() + "; its fields are documented in docs/model.md.");
    ObjectNode props = schema.putObject("properties");
    props.putObject("apiVersion").put("type", "string");
    props.putObject("kind").put("type", "string");
    props.putObject("metadata").put("type", "object");
    props.set("spec", ModelSchema.specSchema(kind));
    props.set("status", statusSchema());
    schema.putArray("required").add("spec");
    return crd;
  }

  /** Every CRD, in the order of {@link ResourceKind}. */
  public static List<ObjectNode> all() {
    List<ObjectNode> crds = new ArrayList<>();
    for (ResourceKind k : ResourceKind.values()) {
      crds.add(crd(k));
    }
    return crds;
  }

  /** Every CRD as one multi-document YAML text, ready for {@code kubectl apply -f}. */
  public static String yaml() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    StringBuilder sb = new StringBuilder();
    sb.append("# The CustomResourceDefinitions of the Hango kinds, generated from the model by `hango crds`.\n");
    sb.append("# Do not edit: a test compares this file with the generator's output.\n");
    for (ObjectNode crd : all()) {
      sb.append("---\n");
      try {
        sb.append(yaml.writeValueAsString(crd));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sb.toString();
  }

  private static void printerColumns(ArrayNode columns) {
    column(columns, "Accepted", "string", ".status.conditions[?(@.type==\"Accepted\")].status");
    column(columns, "Programmed", "string", ".status.conditions[?(@.type==\"Programmed\")].status");
    column(columns, "Age", "date", ".metadata.creationTimestamp");
  }

  private static void column(ArrayNode columns, String name, String type, String path) {
    ObjectNode c = columns.addObject();
    c.put("name", name);
    c.put("type", type);
    c.put("jsonPath", path);
  }

  /** Conditions in the shape of Gateway API's (type, status, reason, message, observedGeneration, time). */
  private static ObjectNode statusSchema() {
    ObjectNode status = JSON.objectNode();
    status.put("type", "object");
    ObjectNode conditions = status.putObject("properties").putObject("conditions");
    conditions.put("type", "array");
    conditions.put("x-kubernetes-list-type", "map");
    conditions.putArray("x-kubernetes-list-map-keys").add("type");
    ObjectNode condition = conditions.putObject("items");
    condition.put("type", "object");
    ObjectNode p = condition.putObject("properties");
    p.putObject("type").put("type", "string");
    ObjectNode s = p.putObject("status");
    s.put("type", "string");
    s.putArray("enum").add("True").add("False").add("Unknown");
    p.putObject("reason").put("type", "string");
    p.putObject("message").put("type", "string").put("maxLength", 32768);
    p.putObject("observedGeneration").put("type", "integer").put("format", "int64");
    p.putObject("lastTransitionTime").put("type", "string").put("format", "date-time");
    condition.putArray("required").add("type").add("status");
    return status;
  }
}
