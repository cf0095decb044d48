package io.hango.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CrdsCommandTest {

  @Test
  void printsTheCrdsThatExamplesHold() throws Exception {
    CliRun run = CliRun.of("crds");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(Files.readString(CliRun.examples().resolve("kubernetes/crds.yaml")));
    assertThat(run.out()).contains("name: routes.hango.io", "name: registries.hango.io", "status: {}");
  }

  @Test
  void serveTakesPathsOrKubernetesAndNamespacesOnlyWithKubernetes() {
    CliRun neither = CliRun.of("serve", "--xds-port", "0", "--admin-port", "-1");
    assertThat(neither.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
    assertThat(neither.err()).contains("give config paths (files or directories) or --kubernetes");

    CliRun both = CliRun.of("serve", "--kubernetes", CliRun.examples().toString(), "--xds-port", "0", "--admin-port", "-1");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
    assertThat(both.err()).contains("give either config paths or --kubernetes, not both");

    CliRun namespace = CliRun.of("serve", "--namespace", "gw", CliRun.examples().toString(), "--xds-port", "0", "--admin-port", "-1");
    assertThat(namespace.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
    assertThat(namespace.err()).contains("--namespace goes with --kubernetes");
  }
}
