package io.hango.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

class BootstrapCommandTest {

  @Test
  void adsBootstrapPointsAtTheServer() throws Exception {
    CliRun run = CliRun.of("bootstrap", "--xds-address", "127.0.0.1:18000", "--node-id", "gw-1", "--node-cluster", "edge");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode b = new YAMLMapper().readTree(run.out());
    assertThat(b.at("/node/id").asText()).isEqualTo("gw-1");
    assertThat(b.at("/node/cluster").asText()).isEqualTo("edge");
    assertThat(b.at("/dynamic_resources/ads_config/api_type").asText()).isEqualTo("GRPC");
    assertThat(b.at("/static_resources/clusters/0/load_assignment/endpoints/0/lb_endpoints/0/endpoint/address/socket_address/port_value").asInt())
        .isEqualTo(18000);
    assertThat(b.at("/admin/address/socket_address/port_value").asInt()).isEqualTo(9901);
  }

  @Test
  void deltaSelectsIncrementalXds() throws Exception {
    CliRun run = CliRun.of("bootstrap", "--xds-address", "xds.internal:18000", "--node-id", "gw-1", "--delta", "--format", "json");

    assertThat(run.exitCode()).isZero();
    JsonNode b = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    assertThat(b.at("/dynamic_resources/ads_config/api_type").asText()).isEqualTo("DELTA_GRPC");
    assertThat(b.at("/static_resources/clusters/0/type").asText()).isEqualTo("STRICT_DNS");
  }

  @Test
  void badAddressIsAUsageError() {
    CliRun run = CliRun.of("bootstrap", "--xds-address", "localhost", "--node-id", "gw-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--xds-address must be HOST:PORT");
  }
}
