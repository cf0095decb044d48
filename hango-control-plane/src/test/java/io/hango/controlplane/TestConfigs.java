package io.hango.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Gateway configs written as YAML files, the way a user writes them, and waiting helpers. */
final class TestConfigs {

  static final String HOST = "api.example.com";
  static final String GATEWAY = "edge";

  private TestConfigs() {}

  /** A gateway with one HTTP2 listener for {@value #HOST}. */
  static String gateway() {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Gateway
        metadata: {name: edge}
        spec:
          listeners:
            - {name: grpc, port: 9090, protocol: HTTP2, hosts: ["api.example.com"]}
        """;
  }

  /** A gRPC service {@code who} whose endpoints carry a {@code color} label; subsets per color. */
  static String whoService(String endpoints) {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Service
        metadata: {name: who}
        spec:
          protocol: grpc
          endpoints:
        %s
          subsets:
            - {name: blue, labels: {color: blue}}
            - {name: green, labels: {color: green}}
        """
        .formatted(endpoints.stripTrailing());
  }

  /** One endpoint line of {@link #whoService}. */
  static String endpoint(int port, String color) {
    return "    - {address: 127.0.0.1, port: %d, labels: {color: %s}}\n".formatted(port, color);
  }

  /** A route on {@value #HOST} for every {@code test.Who} method. */
  static String route(String name, int priority, String extraMatch, String destinations) {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Route
        metadata: {name: %s}
        spec:
          gateway: edge
          hosts: ["api.example.com"]
          priority: %d
          match:
            path: {prefix: /test.Who/}
        %s
          forward:
            destinations: %s
        """
        .formatted(name, priority, extraMatch.isEmpty() ? "" : "    " + extraMatch, destinations);
  }

  static String docs(String... docs) {
    return String.join("---\n", docs);
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void await(String what, BooleanSupplier condition) {
    await(what, Duration.ofSeconds(15), condition);
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
