package io.hango.model.io.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.Resource;
import io.hango.model.ResourceKind;
import io.hango.model.internal.FieldPaths;
import io.hango.model.validation.Suggestions;
import io.hango.model.io.DocumentPositions;
import io.hango.model.io.HangoMappers;
import io.hango.model.validation.Problem;
import io.hango.model.validation.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one parsed document into a {@link Resource}: checks {@code kind} and {@code apiVersion},
 * checks the structure against the model ({@link StructureChecker}), and binds the documents that
 * passed with Jackson. Internal.
 */
public final class DocumentBinder {

  private static final List<String> KINDS =
      Arrays.stream(ResourceKind.values()).map(ResourceKind::kindName).collect(Collectors.toUnmodifiableList());

  /**
   * What became of one document.
   *
   * @param resource the bound resource, if the document had no structural problem
   * @param ref {@code Kind/name} as far as the document says it (for problems and for
   *     cross-references to documents that could not be bound)
   * @param problems the document's structural problems
   */
  public record Bound(Optional<Resource> resource, String ref, List<Problem> problems) {}

  private DocumentBinder() {}

  /** Binds {@code doc}; never throws for bad input. */
  public static Bound bind(ParsedDocument doc) {
    List<Problem> problems = new ArrayList<>();
    DocumentPositions pos = doc.positions();
    JsonNode root = doc.root();
    if (!root.isObject()) {
      problems.add(new Problem(Severity.ERROR, Optional.of(pos.start()), "", "",
          "a document must be an object with apiVersion, kind, metadata and spec; found "
              + StructureChecker.describe(root)));
      return new Bound(Optional.empty(), "", problems);
    }
    JsonNode kindNode = root.get("kind");
    JsonNode nameNode = root.path("metadata").path("name");
    String name = nameNode.isTextual() ? nameNode.asText() : "";
    ResourceKind kind = kindNode != null && kindNode.isTextual() ? ResourceKind.fromKindName(kindNode.asText()) : null;
    String ref = kind == null ? "" : name.isEmpty() ? kind.kindName() : kind.kindName() + "/" + name;
    if (kind == null) {
      String message = kindNode == null || kindNode.isNull()
          ? "required field 'kind' is missing; one of " + String.join(", ", KINDS)
          : StructureChecker.describe(kindNode) + " is not a kind; one of " + String.join(", ", KINDS)
              + (kindNode.isTextual() ? Suggestions.hint(kindNode.asText(), KINDS) : "");
      problems.add(new Problem(Severity.ERROR, Optional.of(pos.nearest("kind")), "", "kind", message));
      return new Bound(Optional.empty(), ref, problems);
    }
    JsonNode api = root.get("apiVersion");
    if (api != null && api.isTextual() && !Resource.API_VERSION.equals(api.asText())) {
      problems.add(new Problem(Severity.ERROR, Optional.of(pos.nearest("apiVersion")), ref, "apiVersion",
          "unsupported apiVersion '" + api.asText() + "'; this release reads " + Resource.API_VERSION));
    }
    new StructureChecker(ref, pos, problems)
        .checkStruct((ObjectNode) root, Shapes.struct(kind.type()), "", Set.of("kind"));
    if (!problems.isEmpty()) {
      return new Bound(Optional.empty(), ref, problems);
    }
    try {
      return new Bound(Optional.of(HangoMappers.json().treeToValue(root, Resource.class)), ref, problems);
    } catch (JsonMappingException e) {
      String path = path(e);
      problems.add(new Problem(Severity.ERROR, Optional.of(pos.nearest(path)), ref, path, e.getOriginalMessage()));
    } catch (RuntimeException | java.io.IOException e) {
      // The structure check should leave nothing for the binder to reject; if it did, report it
      // as a problem of this document rather than let a stack trace reach the user.
      problems.add(new Problem(Severity.ERROR, Optional.of(pos.start()), ref, "", String.valueOf(e.getMessage())));
    }
    return new Bound(Optional.empty(), ref, problems);
  }

  /**
   * Checks {@code tree}, found at field path {@code basePath} of a document, against the shape of
   * {@code type} and binds it with the model's mappers, as {@link #bind} does for whole documents;
   * adds every problem (of {@code resource}, located with {@code positions} when not null) to
   * {@code problems}. Does not change {@code tree}.
   *
   * @return the bound value, empty when there was a problem
   * @throws IllegalArgumentException when {@code type} is not a model-style type (no shape)
   */
  public static <T> Optional<T> bindValue(
      JsonNode tree, Class<T> type, String resource, String basePath, DocumentPositions positions, List<Problem> problems) {
    Shapes.of(type);
    JsonNode copy = tree.deepCopy();
    int before = problems.size();
    new StructureChecker(resource, positions, problems).check(copy, type, basePath);
    if (problems.size() > before) {
      return Optional.empty();
    }
    try {
      return Optional.of(HangoMappers.json().treeToValue(copy, type));
    } catch (JsonMappingException e) {
      String path = path(basePath, e);
      problems.add(new Problem(Severity.ERROR, Optional.ofNullable(positions).map(p -> p.nearest(path)), resource, path,
          e.getOriginalMessage()));
    } catch (RuntimeException | java.io.IOException e) {
      problems.add(new Problem(Severity.ERROR, Optional.ofNullable(positions).map(p -> p.nearest(basePath)), resource, basePath,
          String.valueOf(e.getMessage())));
    }
    return Optional.empty();
  }

  private static String path(JsonMappingException e) {
    return path("", e);
  }

  private static String path(String basePath, JsonMappingException e) {
    String path = basePath;
    for (JsonMappingException.Reference r : e.getPath()) {
      path = r.getFieldName() != null ? FieldPaths.field(path, r.getFieldName()) : FieldPaths.index(path, r.getIndex());
    }
    return path;
  }
}
