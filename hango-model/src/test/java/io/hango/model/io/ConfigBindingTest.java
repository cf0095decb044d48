package io.hango.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.GatewayConfig;
import io.hango.model.HangoStyle;
import io.hango.model.plugin.Plugin;
import io.hango.model.validation.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;
import org.junit.jupiter.api.Test;

/** Binding a part of a document (a plugin config) to a typed value with the reader's checks and words. */
class ConfigBindingTest {

  /** A plugin-style config type. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableLimits.class)
  @JsonDeserialize(as = ImmutableLimits.class)
  interface Limits {
    int limit();

    Optional<Duration> per();

    Optional<Unit> unit();

    List<Entry> entries();
  }

  enum Unit {
    @JsonProperty("second") SECOND,
    @JsonProperty("minute") MINUTE
  }

  /** An entry written as an object or, short, as a string (its address). */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableEntry.class)
  @JsonDeserialize(as = ImmutableEntry.class)
  interface Entry {
    Optional<String> address();

    Optional<String> name();

    @JsonIgnore
    @Value.Default
    default boolean shortForm() {
      return false;
    }

    @JsonCreator
    static Entry of(String address) {
      return ImmutableEntry.builder().address(address).shortForm(true).build();
    }
  }

  private static final String YAML = String.join("\n",
      "apiVersion: hango.io/v1alpha1",
      "kind: Plugin",
      "metadata: {name: p}",
      "spec:",
      "  type: x",
      "  targets: [{kind: Route, name: r}]",
      "  config:",
      "    %s",
      "");

  private static ConfigBinding.Result<Limits> bind(String config) {
    GatewayConfig c = io.hango.model.io.ConfigReader.readString("p.yaml", YAML.formatted(config)).config();
    Plugin p = c.plugins().get(0);
    return ConfigBinding.bind(p.spec().config(), Limits.class, p, "spec.config", c.sourceMap());
  }

  private static List<String> problems(String config) {
    return bind(config).problems().stream().map(Problem::toString).toList();
  }

  @Test
  void bindsAValidTree() {
    ConfigBinding.Result<Limits> r = bind("{limit: 5, per: 1m, unit: MINUTE, entries: [\"10.0.0.1\", {name: a}]}");
    assertThat(r.problems()).isEmpty();
    Limits l = r.value().orElseThrow();
    assertThat(l.limit()).isEqualTo(5);
    assertThat(l.per()).contains(Duration.ofMinutes(1));
    assertThat(l.unit()).contains(Unit.MINUTE);
    assertThat(l.entries().get(0).address()).contains("10.0.0.1");
    assertThat(l.entries().get(0).shortForm()).isTrue();
    assertThat(l.entries().get(1).name()).contains("a");
    assertThat(l.entries().get(1).shortForm()).isFalse();
  }

  @Test
  void reportsLikeTheReaderWithFullPathsAndPositions() {
    assertThat(problems("{limt: 5}")).containsExactly(
        "p.yaml:8:6: Plugin/p: spec.config.limt: unknown field 'limt'; did you mean 'limit'?",
        "p.yaml:8:5: Plugin/p: spec.config.limit: required field 'limit' is missing");
    assertThat(problems("{limit: five, per: 10x, unit: hour, entries: [5, {nam: a}]}")).containsExactly(
        "p.yaml:8:13: Plugin/p: spec.config.limit: expected a whole number, found 'five'",
        "p.yaml:8:24: Plugin/p: spec.config.per: '10x' is not a duration: write a number with a unit (h, m, s, ms), e.g. 250ms, 5s, 1m30s",
        "p.yaml:8:35: Plugin/p: spec.config.unit: 'hour' is not one of second, minute",
        "p.yaml:8:51: Plugin/p: spec.config.entries[0]: expected a string or an object, found number 5",
        "p.yaml:8:55: Plugin/p: spec.config.entries[1].nam: unknown field 'nam'; did you mean 'name'?");
  }

  @Test
  void withoutPositionsProblemsHaveNone() {
    JsonNode tree = HangoMappers.json().createObjectNode().put("limit", "x").put("shortForm", true);
    ConfigBinding.Result<Limits> r = ConfigBinding.bind(tree, Limits.class, "Plugin/q", "spec.config");
    assertThat(r.isValid()).isFalse();
    assertThat(r.problems()).extracting(Problem::toString).containsExactly(
        "Plugin/q: spec.config.limit: expected a whole number, found 'x'",
        "Plugin/q: spec.config.shortForm: unknown field 'shortForm'");
    assertThat(tree.get("limit").asText()).isEqualTo("x");
  }
}
