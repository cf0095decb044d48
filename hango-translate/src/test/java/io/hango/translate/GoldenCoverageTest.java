package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hango.model.ResourceKind;
import io.hango.model.io.HangoMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every field of the model is written in at least one golden input, so every field's
 * translation is pinned by a golden output. The model's fields are found by introspecting the
 * model types the way Jackson reads them, so a new field without a golden case fails here.
 */
class GoldenCoverageTest {

  private static final Path INPUTS = Path.of("src/test/resources/golden/in");

  @Test
  void everyModelFieldAppearsInSomeGoldenInput() throws IOException {
    Set<String> written = keysWrittenInGoldenInputs();

    Set<String> missing = new TreeSet<>();
    for (String field : modelFields()) {
      if (!written.contains(field.substring(field.indexOf('.') + 1))) {
        missing.add(field);
      }
    }

    assertThat(missing).as("model fields that no golden input uses").isEmpty();
  }

  /** {@code Type.property} for every property of every model type reachable from a document. */
  static Set<String> modelFields() {
    ObjectMapper mapper = HangoMappers.yaml();
    Set<String> fields = new TreeSet<>();
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    for (ResourceKind k : ResourceKind.values()) {
      todo.add(k.type());
    }
    while (!todo.isEmpty()) {
      Class<?> type = todo.poll();
      if (!seen.add(type)) {
        continue;
      }
      JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
      if (subTypes != null) {
        for (JsonSubTypes.Type t : subTypes.value()) {
          todo.add(t.value());
        }
      }
      JsonSerialize as = type.getAnnotation(JsonSerialize.class);
      if (as == null || as.as() == Void.class) {
        continue;
      }
      JavaType impl = mapper.constructType(as.as());
      for (BeanPropertyDefinition p : mapper.getSerializationConfig().introspect(impl).findProperties()) {
        if (p.getName().equals("apiVersion")) {
          continue; // written in every document, by the writer as much as by the golden inputs
        }
        fields.add(type.getSimpleName() + "." + p.getName());
        addModelTypes(p.getPrimaryType(), todo);
      }
    }
    return fields;
  }

  private static void addModelTypes(JavaType t, Deque<Class<?>> todo) {
    if (t.getRawClass().getPackageName().startsWith("io.hango.model")) {
      todo.add(t.getRawClass());
    }
    for (int i = 0; i < t.containedTypeCount(); i++) {
      addModelTypes(t.containedType(i), todo);
    }
  }

  private static Set<String> keysWrittenInGoldenInputs() throws IOException {
    Set<String> keys = new HashSet<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<Path> files;
    try (Stream<Path> s = Files.list(INPUTS)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path f : files) {
      try (var parser = yaml.getFactory().createParser(f.toFile())) {
        Iterator<JsonNode> docs = yaml.readValues(parser, JsonNode.class);
        while (docs.hasNext()) {
          collectKeys(docs.next(), keys);
        }
      }
    }
    return keys;
  }

  private static void collectKeys(JsonNode n, Set<String> keys) {
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        keys.add(e.getKey());
        collectKeys(e.getValue(), keys);
      });
    } else if (n.isArray()) {
      n.forEach(c -> collectKeys(c, keys));
    }
  }
}
