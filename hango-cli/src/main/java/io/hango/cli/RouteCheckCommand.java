package io.hango.cli;

import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.hango.routesim.InvalidRouteConfigurationException;
import io.hango.routesim.check.RouteConfigurationReader;
import io.hango.routesim.check.RouterCheckFormatException;
import io.hango.routesim.check.RouterCheckReader;
import io.hango.routesim.check.RouterCheckReport;
import io.hango.routesim.check.RouterCheckRunner;
import io.hango.routesim.check.RouterCheckSuite;
import io.hango.translate.Diagnostic;
import io.hango.translate.Endpoints;
import io.hango.translate.Translation;
import io.hango.translate.Translator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hango route-check}: runs routing tests in Envoy's router_check format against the route
 * configurations a config translates to (or raw Envoy ones), with the testkit's route simulator —
 * no Envoy needed.
 */
@Command(
    name = "route-check",
    mixinStandardHelpOptions = true,
    description = {
      "Check routing decisions without Envoy: translate the config, then run tests in Envoy's",
      "router_check format (JSON or YAML: [{test_name, input: {authority, path, method, ...},",
      "validate: {cluster_name, path_redirect, ...}}]) against the route configurations",
      "(named <gateway>/<listener>; a test picks the first one with a virtual host for its authority).",
      "With --envoy, the --config files are Envoy RouteConfiguration YAML/JSON instead.",
      "",
      "Prints PASS name / FAIL name: expected ..., got ... per test and 'N passed, M failed'.",
      "Exit codes: 0 all passed, 1 a test failed or the config is invalid, 2 unreadable input."
    },
    footer = {
      "",
      "Examples:",
      "  hango route-check --config examples/ --tests examples/route-tests.json",
      "  hango route-check --envoy --config routes.yaml --tests routes.golden.json"
    })
final class RouteCheckCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-c", "--config"}, arity = "1..*", required = true, paramLabel = "PATH",
      description = "Config files or directories; with --envoy, RouteConfiguration files.")
  List<Path> config;

  @Option(names = {"-t", "--tests"}, required = true, paramLabel = "FILE", description = "The tests, router_check format (.json, .yaml).")
  Path tests;

  @Option(names = "--envoy", description = "Read raw Envoy RouteConfigurations instead of a Hango config.")
  boolean envoy;

  @Mixin DirectoryOptions directories;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<RouteConfiguration> routes = new ArrayList<>();
    int stop = envoy ? readEnvoy(routes, err) : translate(routes, err);
    if (stop >= 0) {
      return stop;
    }
    RouterCheckSuite suite;
    try {
      suite = RouterCheckReader.read(tests);
    } catch (IOException | RouterCheckFormatException e) {
      return unreadable(err, "cannot read tests " + tests + ": " + e.getMessage());
    }
    RouterCheckRunner runner;
    try {
      runner = RouterCheckRunner.of(routes);
    } catch (InvalidRouteConfigurationException e) {
      err.println(e.getMessage());
      err.flush();
      return ExitCodes.INVALID;
    }
    RouterCheckReport report = runner.run(suite);
    report.lines().forEach(out::println);
    out.flush();
    return report.allPassed() ? ExitCodes.OK : ExitCodes.INVALID;
  }

  private int translate(List<RouteConfiguration> routes, PrintWriter err) {
    ConfigInput.Checked checked = ConfigInput.read(config, directories.recursive);
    if (checked.exitCode() != ExitCodes.OK) {
      ConfigInput.printProblems(checked.validation(), err);
      long errors = checked.validation().errors().size();
      err.println((checked.exitCode() == ExitCodes.UNREADABLE ? "UNREADABLE: " : "INVALID: ") + errors
          + (errors == 1 ? " error" : " errors"));
      err.flush();
      return checked.exitCode();
    }
    checked.validation().warnings().forEach(err::println);
    Translation t = Translator.defaults().translate(checked.config(), Endpoints.fromStaticConfig(checked.config()));
    t.diagnostics().forEach(err::println);
    err.flush();
    if (t.hasErrors()) {
      long n = t.diagnostics().stream().filter(Diagnostic::isError).count();
      err.println("INVALID: " + n + (n == 1 ? " translation error" : " translation errors"));
      err.flush();
      return ExitCodes.INVALID;
    }
    routes.addAll(t.resources().routes());
    if (routes.isEmpty()) {
      return unreadable(err, "the config has no gateway listener, so no route configuration to test");
    }
    return -1;
  }

  private int readEnvoy(List<RouteConfiguration> routes, PrintWriter err) {
    RouteConfigurationReader reader = RouteConfigurationReader.create();
    for (Path p : config) {
      try {
        routes.add(reader.read(p));
      } catch (IOException | RouterCheckFormatException e) {
        return unreadable(err, "cannot read route configuration " + p + ": " + e.getMessage());
      }
    }
    return -1;
  }

  private static int unreadable(PrintWriter err, String message) {
    err.println("hango route-check: " + message);
    err.flush();
    return ExitCodes.UNREADABLE;
  }
}
