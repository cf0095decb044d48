package io.hango.testkit.arbitraries.internal;

import io.hango.model.Metadata;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The small pools generated values are drawn from, and generators of small values (durations,
 * metadata) every model area uses. Small pools on purpose: they make routes overlap (same hosts,
 * overlapping prefixes, equal priorities), which is where routing bugs hide. Internal: use {@code
 * HangoArbitraries}.
 */
public final class ModelPools {

  /** Host patterns: exact, nested wildcards and the catch-all. */
  public static final List<String> HOSTS = List.of(
      "api.example.com", "shop.example.com", "a.shop.example.com", "*.example.com", "*.shop.example.com", "*",
      "legacy.example.org", "xn--bcher-kva.example.com");
  /** Path segments, some with characters that are regex metacharacters. */
  public static final List<String> SEGMENTS = List.of("orders", "users", "v1", "v2", "a", "ab", "a.b", "x+y", "items", "Orders", "$x");
  public static final List<String> HEADER_NAMES = List.of("x-beta", "x-user", "user-agent", "x-env");
  public static final List<String> HEADER_VALUES = List.of("true", "1", "beta", "Mozilla/5.0 bot", "ünïcödé", "日本語", "a b", "x-1", "Beta");
  public static final List<String> HEADER_REGEXES = List.of("[a-z]+", ".*bot.*", "(true|1)", "\\d+", "v[0-9]\\.[0-9]", "日本.*", "(?i)beta", "a b|x-.*");
  public static final List<String> QUERY_NAMES = List.of("q", "debug", "v", "lang");
  public static final List<String> QUERY_VALUES = List.of("1", "2", "true", "en", "abc");
  public static final List<String> QUERY_REGEXES = List.of("[a-z]{2}", "[0-9]+", "(1|2)", "t.*");
  public static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
  /** Bases of generated names; some have dots and dashes. */
  public static final List<String> NAME_BASES = List.of("orders", "users", "a", "x.y", "catalog-v2");
  /** Subset names; endpoints carry them as their {@code version} label. */
  public static final List<String> SUBSET_NAMES = List.of("v1", "v2", "canary");

  private ModelPools() {}

  public static Arbitrary<Duration> durations() {
    return Arbitraries.of(Duration.ofMillis(1), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(90), Duration.ofMinutes(1), Duration.ofHours(1));
  }

  static Arbitrary<Duration> wholeSeconds() {
    return Arbitraries.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(2));
  }

  public static Arbitrary<Metadata> metadata() {
    return Combinators.combine(
            Arbitraries.of(NAME_BASES), Arbitraries.integers().between(0, 99),
            Arbitraries.maps(Arbitraries.of("team", "app.kubernetes.io/name", "tier"), Arbitraries.of("shop", "ünï", "edge"))
                .ofMaxSize(2))
        .as((base, i, labels) -> Metadata.builder().name(base + "-" + i).labels(labels).build());
  }

  static <T> Arbitrary<List<T>> distinct(List<T> pool, int min, int max) {
    return Arbitraries.of(pool).list().uniqueElements().ofMinSize(min).ofMaxSize(max);
  }

  /** Escapes RE2 metacharacters, so that a literal path segment can be part of a regex. */
  public static String quoteRegex(String literal) {
    StringBuilder b = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
