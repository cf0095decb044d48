package io.hango.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The duration format: parse and canonical form, and what is not a duration. */
class DurationsTest {

  static Stream<Arguments> durations() {
    return Stream.of(
        Arguments.of("250ms", Duration.ofMillis(250), "250ms"),
        Arguments.of("5s", Duration.ofSeconds(5), "5s"),
        Arguments.of("90s", Duration.ofSeconds(90), "1m30s"),
        Arguments.of("1m30s", Duration.ofSeconds(90), "1m30s"),
        Arguments.of("1h", Duration.ofHours(1), "1h"),
        Arguments.of("60m", Duration.ofHours(1), "1h"),
        Arguments.of("1h2m3s4ms", Duration.ofMillis(3_723_004), "1h2m3s4ms"),
        Arguments.of("0s", Duration.ZERO, "0s"),
        Arguments.of("1500ms", Duration.ofMillis(1500), "1s500ms"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void parsesAndFormatsCanonically(String text, Duration value, String canonical) {
    assertThat(Durations.parse(text)).isEqualTo(value);
    assertThat(Durations.format(value)).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {"5", "", "5 s", "1.5s", "5S", "1s1m", "5s5s", "-1s", "1d"})
  void rejectsWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + text + "' is not a duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775807h", "9223372036854775807m", "99999999999999999999s"})
  void aDurationTooLargeForJavaIsAClearErrorNotACrash(String text) {
    // Found by review: an ArithmeticException escaped the reader for 9223372036854775807h.
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is too large a duration");
    assertThat(io.hango.model.io.ConfigReader.readString("g.yaml", """
        apiVersion: hango.io/v1alpha1
        kind: Gateway
        metadata: {name: edge}
        spec:
          listeners: [{name: http, port: 8080}]
          http: {idleTimeout: %s}
        """.formatted(text)).problems()).singleElement().asString().contains("too large a duration");
  }
}
