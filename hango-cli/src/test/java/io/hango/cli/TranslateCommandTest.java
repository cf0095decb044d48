package io.hango.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslateCommandTest {

  @TempDir Path dir;

  @Test
  void printsEveryResourceTypeInEnvoyFieldNames() throws Exception {
    CliRun run = CliRun.of("translate", CliRun.examples().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.fieldNames()).toIterable().containsExactly("listeners", "routes", "clusters", "endpoints", "secrets");
    assertThat(json.get("clusters").size()).isPositive();
    assertThat(run.out()).contains("\"route_config_name\"").contains("\"@type\"").doesNotContain("routeConfigName");
  }

  @Test
  void outputIsIdenticalAcrossRunsAndShuffledInputOrder() throws Exception {
    String first = CliRun.of("translate", CliRun.examples().toString()).out();
    String second = CliRun.of("translate", CliRun.examples().toString()).out();
    assertThat(second).isEqualTo(first);

    // The same documents, split one per file and given in a shuffled order.
    List<String> docs = new ArrayList<>();
    try (var files = Files.list(CliRun.examples())) {
      for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (String doc : Files.readString(p).split("(?m)^---\\s*$")) {
          if (doc.contains("kind:")) {
            docs.add(doc);
          }
        }
      }
    }
    Collections.shuffle(docs, new Random(42));
    List<String> args = new ArrayList<>(List.of("translate"));
    for (int i = 0; i < docs.size(); i++) {
      Path f = dir.resolve(String.format("doc-%02d.yaml", docs.size() - i));
      Files.writeString(f, docs.get(i));
      args.add(f.toString());
    }
    CliRun shuffled = CliRun.of(args.toArray(String[]::new));
    assertThat(shuffled.exitCode()).as(shuffled.err()).isZero();
    assertThat(shuffled.out()).isEqualTo(first);
  }

  @Test
  void typeAndYamlSelectOneResourceType() throws Exception {
    CliRun run = CliRun.of("translate", "--type", "routes", "--format", "yaml", CliRun.examples().toString());

    assertThat(run.exitCode()).isZero();
    JsonNode yaml = new YAMLMapper().readTree(run.out());
    assertThat(yaml.fieldNames()).toIterable().containsExactly("routes");
    assertThat(yaml.get("routes").get(0).get("virtual_hosts")).isNotNull();
  }

  @Test
  void bootstrapHoldsStaticResources() throws Exception {
    CliRun run = CliRun.of("translate", "--bootstrap", CliRun.examples().toString());

    assertThat(run.exitCode()).isZero();
    JsonNode b = new ObjectMapper().readTree(run.out());
    assertThat(b.get("static_resources").get("listeners").size()).isPositive();
    assertThat(b.get("static_resources").get("clusters").get(0).get("load_assignment")).isNotNull();
    assertThat(b.get("dynamic_resources")).isNull();
  }

  @Test
  void invalidInputGivesTheSameErrorsAndExitCodesAsValidate() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "apiVersion: hango.io/v1alpha1\nkind: Service\nmetadata: {name: s}\nspec: {protocl: http}\n");

    CliRun translate = CliRun.of("translate", f.toString());
    CliRun validate = CliRun.of("validate", f.toString());

    assertThat(translate.exitCode()).isEqualTo(1).isEqualTo(validate.exitCode());
    assertThat(translate.err()).contains(f + ":4:8: Service/s: spec.protocl: unknown field 'protocl'");
    assertThat(translate.out()).isEmpty();
    Files.writeString(f, "kind: [");
    assertThat(CliRun.of("translate", f.toString()).exitCode()).isEqualTo(2);
  }
}
