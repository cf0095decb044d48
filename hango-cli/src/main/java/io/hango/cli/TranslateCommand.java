package io.hango.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.hango.translate.Diagnostic;
import io.hango.translate.EnvoyBootstrap;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Endpoints;
import io.hango.translate.Translation;
import io.hango.translate.Translator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hango translate}: prints the Envoy resources a config becomes. */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    description = {
      "Translate a gateway config to Envoy v3 resources and print them as",
      "{\"listeners\":[...],\"routes\":[...],\"clusters\":[...],\"endpoints\":[...],\"secrets\":[...]}",
      "in proto3 JSON with Envoy's field names and @type on every Any; or, with --bootstrap,",
      "a complete Envoy bootstrap with everything in static_resources (envoy -c FILE).",
      "",
      "Invalid input: the same errors and exit codes as 'hango validate'."
    },
    footer = {
      "",
      "Examples:",
      "  hango translate examples/",
      "  hango translate --type routes --format yaml examples/",
      "  hango translate --bootstrap --format yaml examples/ > envoy.yaml"
    })
final class TranslateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Config files or directories (.yaml, .yml, .json).")
  List<Path> paths;

  @Mixin DirectoryOptions directories;

  @Option(names = "--format", paramLabel = "FORMAT", description = "json (default) or yaml.", defaultValue = "json")
  Format format;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only this type: listeners, routes, clusters, endpoints or secrets.")
  EnvoyResources.Type type;

  @Option(names = "--bootstrap", description = "Print a static Envoy bootstrap instead.")
  boolean bootstrap;

  @Option(names = "--node-id", paramLabel = "ID", defaultValue = "hango-gateway", description = "With --bootstrap: the node id (default ${DEFAULT-VALUE}).")
  String nodeId;

  @Option(names = "--node-cluster", paramLabel = "CLUSTER", defaultValue = "hango", description = "With --bootstrap: the node cluster (default ${DEFAULT-VALUE}).")
  String nodeCluster;

  @Option(names = "--admin-port", paramLabel = "PORT", defaultValue = "9901", description = "With --bootstrap: Envoy's admin port on 127.0.0.1, 0 for none (default ${DEFAULT-VALUE}).")
  int adminPort;

  enum Format {
    json,
    yaml
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigInput.Checked checked = ConfigInput.read(paths, directories.recursive);
    int stop = ConfigInput.reportIfInvalid(checked, err);
    if (stop >= 0) {
      return stop;
    }
    Translation t = Translator.defaults().translate(checked.config(), Endpoints.fromStaticConfig(checked.config()));
    t.diagnostics().forEach(d -> err.println(d));
    err.flush();
    if (t.hasErrors()) {
      long n = t.diagnostics().stream().filter(Diagnostic::isError).count();
      err.println("INVALID: " + n + (n == 1 ? " translation error" : " translation errors"));
      err.flush();
      return ExitCodes.INVALID;
    }
    EnvoyResources r = t.resources();
    String text;
    if (bootstrap) {
      var b = EnvoyBootstrap.staticResources(r, nodeId, nodeCluster, adminPort);
      text = format == Format.yaml ? EnvoyBootstrap.toYaml(b, r) : EnvoyBootstrap.toJson(b, r);
    } else if (type != null) {
      ObjectNode root = new ObjectMapper().createObjectNode();
      root.set(type.key(), r.toTree(type));
      text = write(root);
    } else {
      text = format == Format.yaml ? r.toYaml() : r.toJson();
    }
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
    return ExitCodes.OK;
  }

  private String write(ObjectNode root) throws Exception {
    ObjectMapper mapper =
        format == Format.yaml
            ? new ObjectMapper(
                YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            : new ObjectMapper();
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
