package io.hango.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.envoy.validate.EnvoyResourceChecker;
import io.hango.envoy.validate.Severity;
import io.hango.envoy.validate.Violation;
import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.io.ConfigLoad;
import io.hango.model.io.ConfigReader;
import io.hango.model.io.ConfigWriter;
import io.hango.model.validation.Problem;
import io.hango.testkit.arbitraries.Defective;
import io.hango.testkit.arbitraries.HangoArbitraries;
import io.hango.translate.Diagnostic;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Endpoints;
import io.hango.translate.Translation;
import io.hango.translate.Translator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of generated configs: validation, translation, the Envoy checker, determinism, round trips. */
class TranslationPropertiesTest {
  private static final EnvoyResourceChecker CHECKER = EnvoyResourceChecker.create();
  private static final Translator TRANSLATOR = Translator.defaults();

  static Translation translate(GatewayConfig config) {
    return TRANSLATOR.translate(config, Endpoints.fromStaticConfig(config));
  }

  @Provide
  Arbitrary<GatewayConfig> configs() {
    return HangoArbitraries.configs().routes(0, 6);
  }

  @Property(tries = 60)
  void generatedConfigsValidateTranslateAndPassTheEnvoyChecker(@ForAll("configs") GatewayConfig config) {
    List<Problem> errors = config.validate().errors();
    assertThat(errors).as("validation errors").isEmpty();
    Translation t = translate(config);
    assertThat(t.diagnostics()).as("translation errors").filteredOn(Diagnostic::isError).isEmpty();
    EnvoyResources r = t.resources();
    List<Violation> violations = CHECKER.validateAll(r.listeners(), r.routes(), r.clusters(), r.endpoints(), r.secrets());
    assertThat(violations).as("Envoy checker errors").filteredOn(v -> v.severity() == Severity.ERROR).isEmpty();
  }

  @Property(tries = 30)
  void translationIsDeterministicAndIndependentOfDocumentOrder(@ForAll("configs") GatewayConfig config, @ForAll Random random) {
    String once = translate(config).resources().toJson();
    assertThat(translate(config).resources().toJson()).isEqualTo(once);
    List<Resource> shuffled = new ArrayList<>(config.resources());
    Collections.shuffle(shuffled, random);
    Translation t = translate(GatewayConfig.of(shuffled));
    assertThat(t.resources().toJson()).isEqualTo(once);
  }

  @Property(tries = 80)
  void yamlAndJsonRoundTripToAnEqualConfig(@ForAll("configs") GatewayConfig config) {
    ConfigLoad yaml = ConfigReader.readString("config.yaml", ConfigWriter.toYaml(config));
    assertThat(yaml.readErrors()).isEmpty();
    assertThat(yaml.problems()).isEmpty();
    assertSameDocuments(yaml.config(), config);
    ConfigLoad json = ConfigReader.readString("config.json", ConfigWriter.toJson(config));
    assertThat(json.readErrors()).isEmpty();
    assertThat(json.problems()).isEmpty();
    assertSameDocuments(json.config(), config);
  }

  /** Document by document, so that a failure shows the one document that did not survive. */
  private static void assertSameDocuments(GatewayConfig read, GatewayConfig written) {
    assertThat(read.resources()).hasSameSizeAs(written.resources());
    for (int i = 0; i < read.resources().size(); i++) {
      assertThat(read.resources().get(i)).as(written.resources().get(i).ref()).isEqualTo(written.resources().get(i));
    }
  }

  @Provide
  Arbitrary<Defective> defective() {
    return HangoArbitraries.invalidConfigs();
  }

  @Property(tries = 100)
  void eachInvalidConfigYieldsItsKnownDefect(@ForAll("defective") Defective d) {
    List<Problem> errors = d.config().validate().errors();
    assertThat(errors).as("every error is on the broken document").allMatch(p -> p.resource().equals(d.expectedResource()));
    assertThat(errors).as("the known defect").anyMatch(p -> p.path().equals(d.expectedPath())
        && p.message().contains(d.expectedMessageFragment()));
  }
}
