package io.hango.cli;

import io.hango.translate.EnvoyBootstrap;
import io.hango.translate.EnvoyResources;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hango bootstrap}: an Envoy bootstrap that gets everything from a Hango xDS server. */
@Command(
    name = "bootstrap",
    mixinStandardHelpOptions = true,
    description = {
      "Print an Envoy bootstrap that gets listeners, routes, clusters, endpoints and secrets",
      "from an xDS server (e.g. 'hango serve') over one ADS stream."
    },
    footer = {
      "",
      "Examples:",
      "  hango bootstrap --xds-address 127.0.0.1:18000 --node-id gw-1 > envoy.yaml && envoy -c envoy.yaml",
      "  hango bootstrap --xds-address xds.internal:18000 --node-id gw-1 --node-cluster edge --delta"
    })
final class BootstrapCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--xds-address", required = true, paramLabel = "HOST:PORT", description = "The xDS server.")
  String xdsAddress;

  @Option(names = "--node-id", required = true, paramLabel = "ID", description = "This Envoy's node id (shown in the server's status).")
  String nodeId;

  @Option(
      names = "--node-cluster",
      paramLabel = "CLUSTER",
      defaultValue = "hango",
      description = "The node cluster (default ${DEFAULT-VALUE}); with 'hango serve --node-group cluster' it names the gateway to serve.")
  String nodeCluster;

  @Option(names = "--delta", description = "Use Delta (incremental) xDS instead of state-of-the-world.")
  boolean delta;

  @Option(names = "--admin-port", paramLabel = "PORT", defaultValue = "9901", description = "Envoy's admin port on 127.0.0.1, 0 for none (default ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml", description = "yaml (default) or json.")
  TranslateCommand.Format format;

  @Override
  public Integer call() {
    int colon = xdsAddress.lastIndexOf(':');
    int port;
    try {
      port = colon > 0 ? Integer.parseInt(xdsAddress.substring(colon + 1)) : -1;
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--xds-address must be HOST:PORT with a port 1-65535, got '" + xdsAddress + "'");
    }
    String host = xdsAddress.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    var b = EnvoyBootstrap.ads(host, port, nodeId, nodeCluster, delta, adminPort);
    String text =
        format == TranslateCommand.Format.json
            ? EnvoyBootstrap.toJson(b, EnvoyResources.empty())
            : EnvoyBootstrap.toYaml(b, EnvoyResources.empty());
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
