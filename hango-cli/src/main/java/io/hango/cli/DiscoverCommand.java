package io.hango.cli;

import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.registry.Registry;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.registry.DiscoveryReport;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceDiscovery;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hango discover}: asks the registries of a config for each service's endpoints. */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description = {
      "Connect to the registries a config names and print, for each Service discovered from one,",
      "the endpoints it gets (address, port, weight, region, zone, labels) and the instances left out,",
      "with the reason. For debugging how a registry's instances map to Envoy endpoints.",
      "",
      "Exit codes: 0 every registry answered, 1 a registry could not be reached or did not answer",
      "in time (or the config is invalid), 2 unreadable input."
    },
    footer = {"", "Examples:", "  hango discover --config examples/registries/zookeeper.yaml", "  hango discover --config gateway/ --service orders"})
final class DiscoverCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", arity = "1..*", required = true, paramLabel = "PATH", description = "Config files or directories.")
  List<Path> config;

  @Mixin DirectoryOptions directories;

  @Option(names = "--service", paramLabel = "NAME", description = "Only this Service (by document name).")
  String service;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "How long to wait for the registries' answers. Default: each registry's initialSyncTimeout.")
  String timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigInput.Checked checked = ConfigInput.read(config, directories.recursive);
    int invalid = ConfigInput.reportIfInvalid(checked, err);
    if (invalid >= 0) {
      return invalid;
    }
    GatewayConfig full = checked.config();
    List<Resource> kept = new ArrayList<>(full.registries());
    for (Service s : full.services()) {
      if (s.spec().discoveryKind() instanceof RegistryDiscovery && (service == null || s.name().equals(service))) {
        kept.add(s);
      }
    }
    if (kept.size() == full.registries().size()) {
      err.println(service == null
          ? "hango: no Service in the config discovers its endpoints from a registry"
          : "hango: no Service '" + service + "' that discovers its endpoints from a registry");
      err.flush();
      return ExitCodes.UNREADABLE;
    }
    Duration wait = timeout != null
        ? io.hango.model.Durations.parse(timeout)
        : full.registries().stream().map(r -> r.spec().initialSyncTimeout()).max(Duration::compareTo).orElse(Duration.ZERO);
    Path data = Files.createTempDirectory("hango-discover");
    try (ServiceDiscovery discovery = ServiceDiscovery.builder().dataDirectory(data).build()) {
      discovery.apply(GatewayConfig.of(kept));
      List<String> waiting = discovery.awaitInitialSync(wait);
      boolean allReached = true;
      for (RegistryStatus r : discovery.status()) {
        boolean ok = r.connected() && r.services().stream().noneMatch(s -> waiting.contains(s.service()));
        allReached &= ok;
        out.println("registry " + r.name() + " (" + r.type() + "): "
            + (ok ? "connected" : "NOT REACHED within " + wait.toMillis() + "ms" + r.lastError().map(e -> ": " + e).orElse("")));
        out.print(DiscoveryReport.text(r.services()));
      }
      out.flush();
      return allReached ? ExitCodes.OK : ExitCodes.INVALID;
    } finally {
      deleteQuietly(data);
    }
  }

  /** Registry clients' caches go to a scratch directory that the command removes. */
  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a scratch directory under the system's temporary directory: nothing to report
    }
  }
}
