package io.hango.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.GatewayConfig;
import io.hango.model.io.ConfigLoad;
import io.hango.model.io.ConfigReader;
import io.hango.model.validation.Problem;
import io.hango.model.validation.Validation;
import io.hango.registry.RegistryValidator;
import io.hango.translate.PluginConfigValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks the config every command starts from: syntax and structure, the model's rules,
 * each plugin's own config rules and each registry's (a provider for its type must be on the class
 * path), all reported at once with file:line:col where known.
 */
final class ConfigInput {

  /** What reading and checking found. */
  record Checked(ConfigLoad load, Validation validation) {
    GatewayConfig config() {
      return load.config();
    }

    /** The exit code a command ends with when it stops here: 0 valid, 1 invalid, 2 unreadable. */
    int exitCode() {
      if (load.hasReadErrors()) {
        return ExitCodes.UNREADABLE;
      }
      return validation.isValid() ? ExitCodes.OK : ExitCodes.INVALID;
    }
  }

  private ConfigInput() {}

  /** Reads {@code paths} (directories: the config files directly inside, or all below with {@code recursive}). */
  static Checked read(List<Path> paths, boolean recursive) {
    ConfigLoad load = (recursive ? ConfigReader.recursive() : ConfigReader.flat()).readAll(paths);
    if (load.hasReadErrors()) {
      return new Checked(load, Validation.of(load.readErrors()));
    }
    List<Problem> problems = new ArrayList<>(load.validate().problems());
    problems.addAll(PluginConfigValidator.create().validatePlugins(load.config()));
    problems.addAll(RegistryValidator.create().validate(load.config()));
    return new Checked(load, Validation.of(problems));
  }

  /** Prints every problem, one line each, errors and warnings in the validator's order. */
  static void printProblems(Validation v, PrintWriter out) {
    v.problems().forEach(p -> out.println(p));
    out.flush();
  }

  /** The problems as a JSON array, for {@code --output json}. */
  static ArrayNode problemsJson(Validation v) {
    ArrayNode arr = JsonNodeFactory.instance.arrayNode();
    for (Problem p : v.problems()) {
      ObjectNode o = arr.addObject();
      o.put("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
      p.location()
          .ifPresent(
              l -> {
                o.put("file", l.file());
                o.put("line", l.line());
                o.put("column", l.column());
              });
      o.put("resource", p.resource());
      o.put("path", p.path());
      o.put("message", p.message());
    }
    return arr;
  }

  /**
   * Reads and checks; on errors prints them (to {@code err}) and returns the exit code, otherwise
   * prints warnings and returns -1 so the command goes on with {@link Checked#config()}.
   */
  static int reportIfInvalid(Checked checked, PrintWriter err) {
    if (checked.exitCode() != ExitCodes.OK) {
      printProblems(checked.validation(), err);
      return checked.exitCode();
    }
    checked.validation().warnings().forEach(err::println);
    err.flush();
    return -1;
  }
}
