package io.hango.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.validation.Validation;
import io.hango.translate.Endpoints;
import io.hango.translate.Translation;
import io.hango.translate.Translator;
import org.junit.jupiter.api.Test;

class ConfigGeneratorTest {

  @Test
  void generatesAValidConfigOfTheRequestedSizeWithDistinctNames() {
    GatewayConfig config = ConfigGenerator.of(2_000, 200, 7).generate();

    assertThat(config.gateways()).hasSize(1);
    assertThat(config.gateways().get(0).spec().listeners()).hasSize(2);
    assertThat(config.routes()).hasSize(2_000);
    assertThat(config.services()).hasSize(200);
    assertThat(config.resources().stream().map(Resource::ref).distinct()).hasSize(2_201);
    Validation validation = config.validate();
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void isDeterministicForASeed() {
    assertThat(ConfigGenerator.of(500, 50, 3).generate()).isEqualTo(ConfigGenerator.of(500, 50, 3).generate());
    assertThat(ConfigGenerator.of(500, 50, 3).generate()).isNotEqualTo(ConfigGenerator.of(500, 50, 4).generate());
  }

  @Test
  void translatesWithoutErrors() {
    GatewayConfig config = ConfigGenerator.of(1_000, 100, 42).generate();
    Translation t = Translator.defaults().translate(config, Endpoints.fromStaticConfig(config));
    assertThat(t.hasErrors()).as(t.diagnostics().toString()).isFalse();
    assertThat(t.resources().clusters()).hasSizeGreaterThanOrEqualTo(100);
  }
}
