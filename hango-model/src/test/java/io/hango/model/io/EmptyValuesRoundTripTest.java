package io.hango.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.Metadata;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderOperations;
import io.hango.model.route.Route;
import io.hango.model.route.RouteSpec;
import org.junit.jupiter.api.Test;

/**
 * Empty strings are values: a header set to "" or an empty response body must survive writing and
 * reading back, while absent optionals and empty lists stay out of the output.
 */
class EmptyValuesRoundTripTest {

  private final GatewayConfig config =
      GatewayConfig.of(
          Route.builder()
              .metadata(Metadata.builder().name("empty-header").putLabel("team", "").build())
              .spec(
                  RouteSpec.builder()
                      .gateway("edge")
                      .forward(
                          Forward.builder()
                              .from(Forward.to("orders"))
                              .responseHeaders(HeaderOperations.builder().putSet("x-gw", "").build())
                              .build())
                      .build())
              .build(),
          Route.of("empty-body", RouteSpec.builder().gateway("edge").directResponse(DirectResponse.of(204, "")).build()));

  @Test
  void yamlKeepsEmptyStrings() {
    String yaml = ConfigWriter.toYaml(config);

    assertThat(ConfigReader.readString("c.yaml", yaml).config().resources()).isEqualTo(config.resources());
    assertThat(yaml).contains("x-gw: \"\"").contains("body: \"\"").contains("team: \"\"");
    assertThat(yaml).doesNotContain("hosts:").doesNotContain("methods:").doesNotContain("listener:");
  }

  @Test
  void jsonKeepsEmptyStrings() {
    String json = ConfigWriter.toJson(config);

    assertThat(ConfigReader.readString("c.json", json).config().resources()).isEqualTo(config.resources());
    assertThat(json).contains("\"x-gw\" : \"\"").contains("\"body\" : \"\"");
  }
}
