package io.hango.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hango} command: validate, translate and serve gateway configs, make Envoy bootstrap
 * files, and check routing decisions without Envoy.
 *
 * <p>Exit codes: 0 success, 1 the config (or a route check) is invalid, 2 unreadable input or
 * usage error.
 */
@Command(
    name = "hango",
    mixinStandardHelpOptions = true,
    versionProvider = HangoCli.Version.class,
    description = {
      "Hango SDK command line: an Envoy gateway control plane from YAML.",
      "",
      "Configs are Kubernetes-style documents (Gateway, Route, Service, Plugin, Registry, Secret)",
      "in .yaml/.yml/.json files or directories.",
    },
    subcommands = {
      ValidateCommand.class,
      TranslateCommand.class,
      BootstrapCommand.class,
      ServeCommand.class,
      RouteCheckCommand.class,
      DiscoverCommand.class,
      CrdsCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Examples:", "  hango validate examples/", "  hango validate --output json gateway.yaml routes/"})
public final class HangoCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (used by tests). */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cl = newCommandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new HangoCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("hango: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          return ExitCodes.UNREADABLE;
        });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = HangoCli.class.getPackage().getImplementationVersion();
      return new String[] {"hango " + (v == null ? "development build" : v)};
    }
  }
}
