package io.hango.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hango serve} in-process on free ports, with the repository's {@code examples/}. */
class ServeCommandTest {

  @TempDir Path tmp;

  @Test
  void servesTheExamplesUntilStopped() throws Exception {
    Path ready = tmp.resolve("ready");
    StringWriter err = new StringWriter();
    CommandLine cl = HangoCli.newCommandLine();
    cl.setErr(new PrintWriter(err, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serve =
        new Thread(
            () ->
                exit.set(
                    cl.execute(
                        "serve", examples().toString(), "--xds-port", "0", "--admin-port", "0", "--ready-file", ready.toString())),
            "serve-under-test");
    serve.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(ready)) {
        assertThat(serve.isAlive()).as("serve ended early: %s", err).isTrue();
        assertThat(System.nanoTime()).as("serve did not get ready").isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(50);
      }
      String[] ports = Files.readString(ready).trim().split(" ");
      int adminPort = Integer.parseInt(ports[1]);
      assertThat(Integer.parseInt(ports[0])).isPositive();

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> readyz = get(http, adminPort, "/ready");
      assertThat(readyz.statusCode()).isEqualTo(200);
      HttpResponse<String> config = get(http, adminPort, "/debug/config");
      assertThat(config.body()).contains("\"listeners\"").contains("edge/http").doesNotContain("PRIVATE KEY");
      assertThat(get(http, adminPort, "/debug/registries").body()).contains("\"demo-registry\"");
    } finally {
      serve.interrupt();
      serve.join(15_000);
    }
    assertThat(serve.isAlive()).isFalse();
    assertThat(exit.get()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void anInvalidConfigPrintsItsProblemsAndExits1() {
    StringWriter err = new StringWriter();
    CommandLine cl = HangoCli.newCommandLine();
    cl.setErr(new PrintWriter(err, true));

    int code = cl.execute("serve", examples().resolve("invalid/references.yaml").toString(), "--xds-port", "0", "--admin-port", "-1");

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString()).containsPattern("references\\.yaml:\\d+:\\d+: ").contains("INVALID: ").contains("nothing served");
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The repository's {@code examples/}, found by walking up from the working directory. */
  private static Path examples() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("examples/gateway.yaml"))) {
        return p.resolve("examples");
      }
    }
    throw new AssertionError("no examples/ above " + Path.of("").toAbsolutePath());
  }

  @Test
  void securityOptionsThatCannotWorkAreUsageErrors() {
    CliRun sanWithoutCa = CliRun.of("serve", examples().toString(), "--authorize-by-san", "--tls-cert", "c.pem", "--tls-key", "k.pem");
    assertThat(sanWithoutCa.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
    assertThat(sanWithoutCa.err()).contains("--authorize-by-san needs --tls-client-ca");
    CliRun keyless = CliRun.of("serve", examples().toString(), "--tls-cert", "c.pem");
    assertThat(keyless.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
    assertThat(keyless.err()).contains("--tls-cert and --tls-key go together");
  }
}
