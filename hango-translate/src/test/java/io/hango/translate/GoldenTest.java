package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.envoy.validate.EnvoyResourceChecker;
import io.hango.envoy.validate.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: {@code golden/in/<case>.yaml} translates to {@code golden/out/<case>.<type>.yaml}
 * for each non-empty resource type, and to {@code golden/out/<case>.diagnostics.txt} when it has
 * diagnostics: one per line, as {@link Diagnostic#toString()} writes it, in the order the translator
 * reports them. A case without diagnostics has no such file (an empty one fails the test, like an
 * empty output). Run with {@code -Dgolden.update=true} to rewrite the outputs and diagnostics (and
 * remove stale ones). An input may start with {@code # options: name=value, ...} to set
 * {@link TranslatorOptions}. Every output must pass the Envoy validator, cross-references included.
 */
class GoldenTest {

  private static final Path ROOT = Paths.get("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final EnvoyResourceChecker CHECKER = EnvoyResourceChecker.create();
  private static final String DIAGNOSTICS = "diagnostics.txt";

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException {
    List<Path> inputs;
    try (Stream<Path> s = Files.list(ROOT.resolve("in"))) {
      inputs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(inputs).hasSizeGreaterThanOrEqualTo(20);
    return inputs.stream().map(in -> DynamicTest.dynamicTest(caseName(in), () -> check(in)));
  }

  @Test
  void noStaleOutputs() throws IOException {
    Set<String> cases = new TreeSet<>();
    try (Stream<Path> s = Files.list(ROOT.resolve("in"))) {
      s.forEach(p -> cases.add(caseName(p)));
    }
    try (Stream<Path> s = Files.list(ROOT.resolve("out"))) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        String c = name.substring(0, name.indexOf('.'));
        if (!cases.contains(c)) {
          if (UPDATE) {
            Files.delete(p);
          } else {
            throw new AssertionError("stale golden output " + p + " (run with -Dgolden.update=true)");
          }
        }
      }
    }
  }

  static String caseName(Path in) {
    String n = in.getFileName().toString();
    return n.substring(0, n.length() - ".yaml".length());
  }

  static TranslatorOptions options(String yaml) {
    TranslatorOptions.Builder b = TranslatorOptions.builder();
    String first = yaml.lines().findFirst().orElse("");
    if (first.startsWith("# options:")) {
      for (String kv : first.substring("# options:".length()).split(",")) {
        String[] p = kv.trim().split("=");
        boolean v = Boolean.parseBoolean(p[1]);
        switch (p[0]) {
          case "emitOnlyUsedClusters" -> b.emitOnlyUsedClusters(v);
          case "proxylessGrpc" -> b.proxylessGrpc(v);
          case "useRemoteAddress" -> b.useRemoteAddress(v);
          default -> throw new IllegalArgumentException("unknown option " + p[0]);
        }
      }
    }
    return b.build();
  }

  static Translation translate(Path in) throws IOException {
    String yaml = Files.readString(in);
    return Translator.builder().options(options(yaml)).build().translate(TestConfigs.read(yaml), Endpoints.fromStaticConfig(TestConfigs.read(yaml)));
  }

  private static void check(Path in) throws IOException {
    String name = caseName(in);
    Translation t = translate(in);
    checkDiagnostics(name, t.diagnostics().stream().map(Diagnostic::toString).toList());

    EnvoyResources r = t.resources();
    List<Violation> violations = CHECKER.validateAll(r.listeners(), r.routes(), r.clusters(), r.endpoints(), r.secrets());
    assertThat(violations).as("Envoy validation of " + name).isEmpty();

    List<String> mismatches = new ArrayList<>();
    for (EnvoyResources.Type type : EnvoyResources.Type.values()) {
      Path out = ROOT.resolve("out").resolve(name + "." + type.key() + ".yaml");
      String actual = r.get(type).isEmpty() ? null : r.toYaml(type);
      if (UPDATE) {
        if (actual == null) {
          Files.deleteIfExists(out);
        } else {
          Files.writeString(out, actual);
        }
        continue;
      }
      String expected = Files.exists(out) ? Files.readString(out) : null;
      if (!java.util.Objects.equals(expected, actual)) {
        mismatches.add(out.getFileName() + (expected == null ? " (missing)" : actual == null ? " (should not exist)" : " differs"));
      }
    }
    assertThat(mismatches).as("golden outputs of " + name + " (run with -Dgolden.update=true to rewrite)").isEmpty();
  }

  /**
   * Compares the diagnostics with {@code golden/out/<case>.diagnostics.txt} (absent when there are
   * none), or rewrites that file when updating.
   */
  private static void checkDiagnostics(String name, List<String> actual) throws IOException {
    Path file = ROOT.resolve("out").resolve(name + "." + DIAGNOSTICS);
    assertThat(actual).as("diagnostics of " + name + " must fit on one line each").noneMatch(d -> d.contains("\n"));
    if (UPDATE) {
      if (actual.isEmpty()) {
        Files.deleteIfExists(file);
      } else {
        Files.writeString(file, String.join("\n", actual) + "\n");
      }
      return;
    }
    List<String> expected = List.of();
    if (Files.exists(file)) {
      String text = Files.readString(file);
      assertThat(text).as(file.getFileName() + ": no diagnostics means no file; one diagnostic per line, each ending in a newline")
          .isNotEmpty().endsWith("\n").doesNotContain("\r").doesNotContain("\n\n");
      expected = text.lines().toList();
    }
    assertThat(actual).as("diagnostics of " + name + " against " + file.getFileName() + " (run with -Dgolden.update=true to rewrite)")
        .containsExactlyElementsOf(expected);
  }
}
