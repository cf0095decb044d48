package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.service.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Same input, same bytes: document order, map insertion order and endpoint order do not matter. */
class DeterminismTest {

  private static final Path IN = Paths.get("src/test/resources/golden/in");

  @Test
  void shuffledDocumentsGiveIdenticalOutput() throws IOException {
    List<Path> inputs;
    try (Stream<Path> s = Files.list(IN)) {
      inputs = s.sorted().toList();
    }
    for (Path in : inputs) {
      String yaml = Files.readString(in);
      TranslatorOptions options = GoldenTest.options(yaml);
      List<Resource> docs = TestConfigs.documents(yaml);
      String expected = translate(options, docs);
      for (long seed = 1; seed <= 5; seed++) {
        List<Resource> shuffled = new ArrayList<>(docs);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(translate(options, shuffled)).as(in.getFileName() + " shuffled with seed " + seed).isEqualTo(expected);
      }
    }
  }

  private static String translate(TranslatorOptions options, List<Resource> docs) {
    GatewayConfig c = GatewayConfig.of(docs);
    Translation t = Translator.builder().options(options).build().translate(c, Endpoints.fromStaticConfig(c));
    return t.resources().toYaml() + t.diagnostics();
  }

  @Test
  void repeatedRunsAreByteIdenticalIncludingPackedAnys() throws IOException {
    GatewayConfig c = TestConfigs.read(IN.resolve("examples.yaml"));
    EnvoyResources a = Translator.defaults().translate(c, Endpoints.fromStaticConfig(c)).resources();
    EnvoyResources b = Translator.defaults().translate(c, Endpoints.fromStaticConfig(c)).resources();
    assertThat(a).isEqualTo(b);
    for (int i = 0; i < a.clusters().size(); i++) {
      Cluster x = a.clusters().get(i);
      assertThat(x.toByteString()).isEqualTo(b.clusters().get(i).toByteString());
    }
    assertThat(a.toJson()).isEqualTo(b.toJson());
  }

  @Test
  void endpointAndMapOrderDoNotMatter() throws IOException {
    GatewayConfig c = TestConfigs.read(IN.resolve("load-balancers.yaml"));
    Endpoints base = Endpoints.fromStaticConfig(c);
    Map<String, List<Endpoint>> reversed = new LinkedHashMap<>();
    List<String> services = new ArrayList<>(base.services());
    Collections.reverse(services);
    for (String s : services) {
      List<Endpoint> eps = new ArrayList<>(base.forService(s));
      Collections.reverse(eps);
      reversed.put(s, eps);
    }
    assertThat(Translator.defaults().translate(c, Endpoints.of(reversed)).resources().toYaml())
        .isEqualTo(Translator.defaults().translate(c, base).resources().toYaml());
  }
}
