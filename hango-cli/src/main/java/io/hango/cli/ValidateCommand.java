package io.hango.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.Resource;
import io.hango.model.ResourceKind;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hango validate}: checks a config and reports every problem at once. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a gateway config: YAML/JSON syntax, fields and types, value ranges and formats,",
      "RE2 regexes, references between documents, and each plugin's config.",
      "",
      "Exit codes: 0 valid, 1 invalid (one line per problem: FILE:LINE:COL: Kind/name: field.path: message),",
      "2 unreadable file or syntax error."
    },
    footer = {"", "Examples:", "  hango validate examples/", "  hango validate --output json gateway.yaml routes/"})
final class ValidateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Config files or directories (.yaml, .yml, .json).")
  List<Path> paths;

  @Mixin DirectoryOptions directories;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default) or json.", defaultValue = "text")
  OutputFormat output;

  enum OutputFormat {
    text,
    json
  }

  @Override
  public Integer call() throws Exception {
    ConfigInput.Checked checked = ConfigInput.read(paths, directories.recursive);
    int code = checked.exitCode();
    List<Resource> resources = checked.config().resources();
    if (output == OutputFormat.json) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("valid", code == ExitCodes.OK);
      root.put("resources", resources.size());
      ObjectNode counts = root.putObject("kinds");
      countByKind(resources).forEach((k, n) -> counts.put(k.kindName(), n));
      root.set("problems", ConfigInput.problemsJson(checked.validation()));
      spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
      spec.commandLine().getOut().flush();
      return code;
    }
    if (code != ExitCodes.OK) {
      ConfigInput.printProblems(checked.validation(), spec.commandLine().getErr());
      long errors = checked.validation().errors().size();
      String verdict = code == ExitCodes.UNREADABLE ? "UNREADABLE: " : "INVALID: ";
      spec.commandLine().getErr().println(verdict + errors + (errors == 1 ? " error" : " errors"));
      spec.commandLine().getErr().flush();
      return code;
    }
    ConfigInput.printProblems(checked.validation(), spec.commandLine().getErr());
    spec.commandLine().getOut().println("OK: " + summary(resources));
    spec.commandLine().getOut().flush();
    return code;
  }

  /** {@code 12 resources (1 Gateway, 6 Route, 4 Service, 1 Plugin)}. */
  static String summary(List<Resource> resources) {
    String kinds =
        countByKind(resources).entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().kindName())
            .collect(Collectors.joining(", "));
    return resources.size() + (resources.size() == 1 ? " resource" : " resources") + (kinds.isEmpty() ? "" : " (" + kinds + ")");
  }

  private static Map<ResourceKind, Integer> countByKind(List<Resource> resources) {
    Map<ResourceKind, Integer> counts = new EnumMap<>(ResourceKind.class);
    resources.forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
    return counts;
  }
}
