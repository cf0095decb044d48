package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.gateway.Gateway;
import io.hango.model.plugin.Plugin;
import io.hango.model.route.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Translation#gatewayResources}: one translation sliced per gateway gives, for every golden
 * case and every gateway, exactly what translating the config reduced to that gateway gives (the
 * gateway, its routes, the plugins targeting it, its routes or any host, and every other document)
 * — what the control plane did before it translated once.
 */
class GatewaySliceTest {

  private static final Path IN = Paths.get("src/test/resources/golden/in");

  @Test
  void eachGatewaysSliceIsTheTranslationOfItsOwnConfig() throws IOException {
    List<Path> inputs;
    try (Stream<Path> s = Files.list(IN)) {
      inputs = s.sorted().toList();
    }
    int slices = 0;
    for (Path in : inputs) {
      String yaml = Files.readString(in);
      for (boolean onlyUsed : List.of(true, false)) {
        Translator translator = Translator.builder().options(GoldenTest.options(yaml).toBuilder().emitOnlyUsedClusters(onlyUsed).build()).build();
        GatewayConfig config = TestConfigs.read(yaml);
        Translation once = translator.translate(config, Endpoints.fromStaticConfig(config));
        for (Gateway g : config.gateways()) {
          GatewayConfig sub = reduced(config, g.name());
          EnvoyResources expected = translator.translate(sub, Endpoints.fromStaticConfig(config)).resources();
          EnvoyResources actual = once.gatewayResources(g.name());
          assertThat(actual.toYaml()).as(in.getFileName() + " gateway " + g.name() + " emitOnlyUsedClusters=" + onlyUsed)
              .isEqualTo(expected.toYaml());
          assertThat(actual).isEqualTo(expected);
          assertThat(once.gatewayResources(g.name())).isSameAs(actual);
          slices++;
        }
      }
    }
    assertThat(slices).isGreaterThan(40);
  }

  @Test
  void anUnknownGatewayHasNoResources() throws IOException {
    GatewayConfig config = TestConfigs.read(IN.resolve("examples.yaml"));
    Translation t = Translator.defaults().translate(config, Endpoints.fromStaticConfig(config));
    assertThat(t.gatewayResources("no-such-gateway")).isEqualTo(EnvoyResources.empty());
  }

  /** The config the control plane used to translate per gateway. */
  static GatewayConfig reduced(GatewayConfig config, String gateway) {
    Set<String> routes = config.routes().stream().filter(r -> r.spec().gateway().equals(gateway)).map(Route::name).collect(Collectors.toSet());
    List<Resource> kept = new ArrayList<>();
    for (Resource r : config.resources()) {
      if (r instanceof Gateway g) {
        if (g.name().equals(gateway)) {
          kept.add(r);
        }
      } else if (r instanceof Route route) {
        if (routes.contains(route.name())) {
          kept.add(r);
        }
      } else if (r instanceof Plugin p) {
        if (p.spec().targets().stream().anyMatch(t -> switch (t.kind()) {
          case GATEWAY -> t.name().equals(gateway);
          case ROUTE -> routes.contains(t.name());
          case HOST -> true;
        })) {
          kept.add(r);
        }
      } else {
        kept.add(r);
      }
    }
    return GatewayConfig.of(kept);
  }
}
