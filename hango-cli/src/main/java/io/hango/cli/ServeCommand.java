package io.hango.cli;

import io.hango.controlplane.ControlPlane;
import io.hango.controlplane.ControlPlaneBuilder;
import io.hango.controlplane.InvalidConfigException;
import io.hango.controlplane.NodeGrouping;
import io.hango.controlplane.ServedSummary;
import io.hango.model.Durations;
import io.hango.model.GatewayConfig;
import io.hango.model.validation.Problem;
import io.hango.translate.EnvoyResources;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.hango.controlplane.ConfigSource;
import io.hango.kubernetes.KubernetesConfigSource;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hango serve}: the control plane, serving a config over xDS and following its changes. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a gateway config to Envoy (and proxyless gRPC clients) over xDS, and follow changes:",
      "a valid change is pushed (only what changed), an invalid one is logged and the last good",
      "config keeps serving. Admin HTTP (loopback by default): /healthz /ready /metrics /debug/status",
      "/debug/config (secrets redacted) /debug/registries /. TLS private keys are served only to clients",
      "authenticated by mutual TLS (--tls-client-ca), unless --allow-plaintext-secrets (demos).",
      "",
      "With --kubernetes the config is the Hango custom resources of the watched namespaces; any",
      "number of replicas serve the same resources under the same versions.",
      "",
      "Exit codes: 0 stopped (Ctrl-C), 1 the initial config is invalid, 2 unreadable file or port in use."
    },
    footer = {"", "Examples:", "  hango serve examples/", "  hango serve --xds-port 18000 --admin-port -1 --node-group cluster gateway/",
        "  hango serve --kubernetes --namespace gateway --node-group cluster"})
final class ServeCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Config files or directories (.yaml, .yml, .json), watched for changes.")
  List<Path> paths;

  @Option(names = "--kubernetes", description = "Read the config from the Hango custom resources of a Kubernetes API server (kubeconfig, KUBECONFIG or the pod's service account) instead of files; status is written back by one elected replica. Install the CRDs first: hango crds | kubectl apply -f -")
  boolean kubernetes;

  @Option(names = "--namespace", paramLabel = "NS", split = ",", description = "With --kubernetes: the namespaces to read (repeatable or comma-separated). Default: the client's namespace.")
  List<String> namespaces = List.of();

  @Option(names = "--xds-port", paramLabel = "PORT", defaultValue = "18000", description = "xDS (gRPC) port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int xdsPort;

  @Option(names = "--xds-address", paramLabel = "HOST", defaultValue = "0.0.0.0", description = "Address the xDS port binds. Default: ${DEFAULT-VALUE}.")
  String xdsAddress;

  @Option(names = "--admin-port", paramLabel = "PORT", defaultValue = "18001", description = "Admin HTTP port; 0 picks a free one, -1 disables it. Default: ${DEFAULT-VALUE}.")
  int adminPort;

  @Option(names = "--admin-address", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address the admin port binds; it has no authentication. Default: ${DEFAULT-VALUE} (this host only).")
  String adminAddress;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve xDS over TLS with this certificate chain (with --tls-key).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "The private key of --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-client-ca", paramLabel = "PEM", description = "Mutual TLS: clients must present a certificate issued by these CAs; such clients may receive secrets.")
  Path tlsClientCa;

  @Option(names = "--authorize-by-san", description = "Admit each client only to the gateway its client certificate names in a subject alternative name (DNS name, or a URI's last path segment); needs --tls-client-ca; implies --node-group cluster.")
  boolean authorizeBySan;

  @Option(names = "--allow-plaintext-secrets", description = "DEMOS ONLY: serve TLS private keys to clients that are not authenticated (anyone who reaches the xDS port). Without it, secrets are served only over mutual TLS.")
  boolean allowPlaintextSecrets;

  @Option(names = "--node-group", paramLabel = "MODE", defaultValue = "none", description = "none: every Envoy gets everything; cluster: an Envoy whose node.cluster is a gateway name gets that gateway only. Default: ${DEFAULT-VALUE}.")
  Grouping nodeGroup;

  @Option(names = "--watch-interval", paramLabel = "DURATION", defaultValue = "1s", description = "How often the files are checked for changes (e.g. 500ms, 2s). Default: ${DEFAULT-VALUE}.")
  String watchInterval;

  /** Written once serving (xDS and admin ports, space-separated): how tests and scripts learn ephemeral ports. */
  @Option(names = "--ready-file", hidden = true)
  Path readyFile;

  private String described;

  enum Grouping {
    none,
    cluster
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if ((tlsCert == null) != (tlsKey == null)) {
      err.println("hango: --tls-cert and --tls-key go together");
      err.flush();
      return ExitCodes.UNREADABLE;
    }
    if ((tlsClientCa != null || authorizeBySan) && tlsCert == null) {
      err.println("hango: --tls-client-ca and --authorize-by-san need --tls-cert and --tls-key");
      err.flush();
      return ExitCodes.UNREADABLE;
    }
    if (authorizeBySan && tlsClientCa == null) {
      err.println("hango: --authorize-by-san needs --tls-client-ca (clients must present certificates)");
      err.flush();
      return ExitCodes.UNREADABLE;
    }
    boolean hasPaths = paths != null && !paths.isEmpty();
    if (kubernetes == hasPaths) {
      err.println(kubernetes ? "hango: give either config paths or --kubernetes, not both"
          : "hango: give config paths (files or directories) or --kubernetes");
      err.flush();
      return ExitCodes.UNREADABLE;
    }
    if (!kubernetes && !namespaces.isEmpty()) {
      err.println("hango: --namespace goes with --kubernetes");
      err.flush();
      return ExitCodes.UNREADABLE;
    }
    ControlPlane cp;
    KubernetesClient client = null;
    try {
      ConfigSource source;
      if (kubernetes) {
        client = new KubernetesClientBuilder().build();
        source = KubernetesConfigSource.builder(client).namespaces(namespaces).build();
      } else {
        source = ConfigSource.files(paths);
      }
      described = source.describe();
      ControlPlaneBuilder b =
          ControlPlane.builder()
              .configSource(source)
              .xdsHost(xdsAddress)
              .xdsPort(xdsPort)
              .adminHost(adminAddress)
              .adminPort(adminPort)
              .nodeGroup(nodeGroup == Grouping.cluster ? NodeGrouping.CLUSTER : NodeGrouping.NONE)
              .watchInterval(Durations.parse(watchInterval))
              .allowSecretsToUnauthenticatedClients(allowPlaintextSecrets);
      if (tlsClientCa != null) {
        b.xdsMutualTls(tlsCert, tlsKey, tlsClientCa);
      } else if (tlsCert != null) {
        b.xdsTls(tlsCert, tlsKey);
      }
      if (authorizeBySan) {
        b.authorizeBySubjectAltName();
      }
      if (allowPlaintextSecrets) {
        log.warn("--allow-plaintext-secrets: TLS private keys are served to anyone who reaches the xDS port");
      }
      cp = b.build().start();
    } catch (InvalidConfigException e) {
      if (client != null) {
        client.close();
      }
      e.problems().forEach(err::println);
      long errors = e.problems().stream().filter(Problem::isError).count();
      err.println("INVALID: " + errors + (errors == 1 ? " error" : " errors") + "; nothing served");
      err.flush();
      return ExitCodes.INVALID;
    }
    KubernetesClient kubernetesClient = client;
    ControlPlane served = cp;
    Thread hook = new Thread(() -> {
      served.close();
      if (kubernetesClient != null) {
        kubernetesClient.close();
      }
    }, "hango-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      logStart(cp);
      if (readyFile != null) {
        Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
        Files.writeString(tmp, cp.xdsPort() + " " + cp.adminPort() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      cp.awaitTermination();
      log.info("stopped");
      return ExitCodes.OK;
    } catch (InterruptedException e) {
      // Stopped in-process (tests, an embedding launcher): same clean stop as Ctrl-C.
      cp.close();
      if (client != null) {
        client.close();
      }
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already running the hook.
      }
    }
  }

  private void logStart(ControlPlane cp) {
    GatewayConfig config = cp.config().orElseThrow();
    EnvoyResources resources = cp.resources().orElseThrow();
    String version = cp.state().configVersion().orElse("?");
    log.info("serving {} (config version {}): {}", described, version, ServedSummary.counts(resources));
    for (String g : ServedSummary.gateways(config)) {
      log.info("  gateway {}", g);
    }
    String host = hostName();
    log.info("xDS (ADS, SotW and Delta) on {}:{} ({}), node grouping: {}", xdsAddress, cp.xdsPort(),
        tlsClientCa != null ? "mutual TLS" : tlsCert != null ? "TLS" : "plaintext", authorizeBySan ? "by client certificate" : nodeGroup);
    if (cp.adminPort() >= 0) {
      log.info("admin on http://{}:{}/ (/healthz /ready /metrics /debug/status /debug/config /debug/registries)", adminAddress, cp.adminPort());
    }
    String gateway = config.gateways().isEmpty() ? "gateway" : config.gateways().get(0).name();
    log.info(
        "point an Envoy at it: hango bootstrap --xds-address {}:{} --node-id {}-1{} > envoy.yaml && envoy -c envoy.yaml",
        host,
        cp.xdsPort(),
        gateway,
        nodeGroup == Grouping.cluster ? " --node-cluster " + gateway : "");
    log.info("watching {} for changes; Ctrl-C stops", described);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

}
