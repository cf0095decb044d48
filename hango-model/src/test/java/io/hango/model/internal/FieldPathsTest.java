package io.hango.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FieldPathsTest {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

  @Test
  void plainKeysAreTheRegexsAndOthersAreQuoted() {
    for (String key : new String[] {"spec", "x-beta", "_a", "a1", "", "-a", "a.b", "app.kubernetes.io/name", "é", "a b", "A_Z-9"}) {
      assertThat(FieldPaths.plainKey(key)).as(key).isEqualTo(PLAIN.matcher(key).matches());
    }
    assertThat(FieldPaths.field("spec", "labels")).isEqualTo("spec.labels");
    assertThat(FieldPaths.field("", "spec")).isEqualTo("spec");
    assertThat(FieldPaths.field("metadata.labels", "app.kubernetes.io/name"))
        .isEqualTo("metadata.labels[\"app.kubernetes.io/name\"]");
  }
}
