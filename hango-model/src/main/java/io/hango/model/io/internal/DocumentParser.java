package io.hango.model.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.internal.FieldPaths;
import io.hango.model.io.DocumentPositions;
import io.hango.model.io.HangoMappers;
import io.hango.model.validation.Problem;
import io.hango.model.validation.Severity;
import io.hango.model.validation.SourceLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses YAML (multi-document) or JSON text into {@link ParsedDocument}s, recording the position of
 * every node. Jackson's own tree reader drops positions, so the tree is built here from the token
 * stream. A root-level list is a list of documents (JSON has no other way to hold several).
 *
 * <p>Syntax errors end the parse of that text; the documents parsed before the error are kept. A
 * key written twice in one object is reported with them: YAML forbids it, and silently keeping one
 * of the two values would hide a mistake.
 */
public final class DocumentParser {

  /** Text formats. */
  public enum Format {
    YAML,
    JSON
  }

  /** What one text parsed into. */
  public record Result(List<ParsedDocument> documents, List<Problem> syntaxErrors) {}

  /** SnakeYAML's position line in messages: {@code  in 'reader', line 9, column 7:}. */
  private static final java.util.regex.Pattern MARK =
      java.util.regex.Pattern.compile("\\s*in '[^']*', line (\\d+), column (\\d+):?\\s*");

  private static final java.util.regex.Pattern SOURCE =
      java.util.regex.Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final String file;
  private final List<ParsedDocument> documents = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private Map<String, SourceLocation> values;
  private Map<String, SourceLocation> keys;

  private DocumentParser(String file) {
    this.file = file;
  }

  /** Parses {@code text}, read from {@code file} (used in positions only). */
  public static Result parse(String file, String text, Format format) {
    DocumentParser p = new DocumentParser(file);
    p.run(text, format);
    return new Result(List.copyOf(p.documents), List.copyOf(p.problems));
  }

  private void run(String text, Format format) {
    JsonFactory factory = format == Format.YAML ? HangoMappers.yaml().getFactory() : HangoMappers.json().getFactory();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_ARRAY) {
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            readDocument(p, i++);
          }
        } else {
          readDocument(p, -1);
        }
      }
    } catch (JsonProcessingException e) {
      problems.add(syntaxError(e));
    } catch (IOException e) {
      problems.add(new Problem(Severity.ERROR, Optional.of(new SourceLocation(file, 1, 1)), "", "",
          "cannot read: " + e.getMessage()));
    }
  }

  private void readDocument(JsonParser p, int index) throws IOException {
    values = new HashMap<>();
    keys = new HashMap<>();
    SourceLocation start = location(p.currentTokenLocation());
    JsonNode root = readValue(p, "");
    // An empty YAML document (only comments, or a trailing '---', which the YAML parser reads as an
    // empty scalar) is not a document, as kubectl has it.
    if ((root.isNull() || (root.isTextual() && root.asText().isEmpty())) && index < 0) {
      return;
    }
    documents.add(new ParsedDocument(root, new DocumentPositions(start, values, keys)));
  }

  private JsonNode readValue(JsonParser p, String path) throws IOException {
    values.put(path, location(p.currentTokenLocation()));
    switch (p.currentToken()) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          String child = FieldPaths.field(path, name);
          SourceLocation keyAt = location(p.currentTokenLocation());
          p.nextToken();
          JsonNode value = readValue(p, child);
          if (o.has(name)) {
            problems.add(new Problem(Severity.ERROR, Optional.of(keyAt), "", child,
                "duplicate field '" + name + "' (first written at line " + keys.get(child).line() + ")"));
          } else {
            keys.put(child, keyAt);
            o.set(name, value);
          }
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = NODES.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(readValue(p, FieldPaths.index(path, i++)));
        }
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        // YAML-specific scalars (e.g. !!binary) are kept as their text.
        return NODES.textNode(p.getText());
    }
  }

  private Problem syntaxError(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    SourceLocation at = l == null ? new SourceLocation(file, 1, 1) : location(l);
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    // Jackson names the source of a position ("[Source: REDACTED ...; line: 1, column: 1]"): the file is already known.
    message = SOURCE.matcher(message).replaceAll("line $1, column $2");
    List<String> statements = new ArrayList<>();
    List<java.util.regex.Matcher> marks = new ArrayList<>();
    for (String line : message.split("\\R")) {
      java.util.regex.Matcher mark = MARK.matcher(line);
      if (mark.matches() && !statements.isEmpty()) {
        marks.set(statements.size() - 1, mark);
      } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        statements.add(line.strip());
        marks.add(null);
      }
    }
    if (statements.isEmpty()) {
      return new Problem(Severity.ERROR, Optional.of(at), "", "", "syntax error: " + message.strip());
    }
    // SnakeYAML says "while parsing X (at mark 1) / expected Y (at mark 2)": the last statement is
    // the problem and its mark the position; the ones before are context.
    int last = statements.size() - 1;
    java.util.regex.Matcher problemMark = marks.get(last);
    if (problemMark != null) {
      at = new SourceLocation(file, Integer.parseInt(problemMark.group(1)), Integer.parseInt(problemMark.group(2)));
    }
    StringBuilder text = new StringBuilder("syntax error: ").append(statements.get(last));
    for (int i = 0; i < last; i++) {
      text.append(" (").append(statements.get(i));
      if (marks.get(i) != null) {
        text.append(" started at line ").append(marks.get(i).group(1)).append(", column ").append(marks.get(i).group(2));
      }
      text.append(')');
    }
    return new Problem(Severity.ERROR, Optional.of(at), "", "", text.toString());
  }

  private SourceLocation location(JsonLocation l) {
    return new SourceLocation(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }
}
