package io.hango.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hango discover} against registries that need no server (static) or cannot be reached. */
class DiscoverCommandTest {

  @TempDir Path dir;

  @Test
  void printsTheEndpointsOfTheExamplesStaticRegistry() {
    CliRun run = CliRun.of("discover", "--config", CliRun.examples().toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(
        "registry demo-registry (static): connected\n"
            + "Service/inventory <- registry demo-registry: inventory-svc [synced] 2 endpoint(s)\n"
            + "  10.0.3.11:8080 weight=1 zone=zone-a\n"
            + "  10.0.3.12:8080 weight=1 zone=zone-b\n");
  }

  @Test
  void saysWhichInstancesAreLeftOutAndWhy() throws Exception {
    Files.writeString(dir.resolve("c.yaml"), """
        apiVersion: hango.io/v1alpha1
        kind: Registry
        metadata: {name: r}
        spec:
          type: static
          services:
            orders: [{address: 10.0.0.1, port: 80, labels: {version: v1}}, {address: orders.local, port: 80}]
        ---
        apiVersion: hango.io/v1alpha1
        kind: Service
        metadata: {name: orders}
        spec: {discovery: {registry: r, serviceName: orders}}
        ---
        apiVersion: hango.io/v1alpha1
        kind: Service
        metadata: {name: other}
        spec: {discovery: {registry: r, serviceName: other}}
        """);
    CliRun run = CliRun.of("discover", "--config", dir.toString(), "--service", "orders");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("  10.0.0.1:80 weight=1 {version=v1}\n")
        .contains("  left out orders.local:80 (orders[1]): address 'orders.local' is not an IP address")
        .doesNotContain("Service/other");
  }

  @Test
  void anUnknownServiceIsAUsageError() {
    CliRun run = CliRun.of("discover", "--config", CliRun.examples().toString(), "--service", "nope");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no Service 'nope' that discovers its endpoints from a registry");
  }

  @Test
  void anUnreachableRegistryExits1AndSaysSo() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Files.writeString(dir.resolve("c.yaml"), """
        apiVersion: hango.io/v1alpha1
        kind: Registry
        metadata: {name: zk}
        spec: {type: zookeeper, connectString: "127.0.0.1:%d"}
        ---
        apiVersion: hango.io/v1alpha1
        kind: Service
        metadata: {name: orders}
        spec: {discovery: {registry: zk, serviceName: com.example.Orders}}
        """.formatted(closedPort));
    CliRun run = CliRun.of("discover", "--config", dir.toString(), "--timeout", "1s");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).startsWith("registry zk (zookeeper): NOT REACHED within 1000ms")
        .contains("Service/orders <- registry zk: com.example.Orders [waiting] 0 endpoint(s)");
  }
}
