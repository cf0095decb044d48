package io.hango.cli;

import io.hango.kubernetes.HangoCrds;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code hango crds}: prints the CustomResourceDefinitions of the Hango kinds. */
@Command(
    name = "crds",
    mixinStandardHelpOptions = true,
    description = {
      "Print the CustomResourceDefinitions of the Hango kinds (hango.io/v1alpha1: Gateway, Route,",
      "Service, Plugin, Registry, Secret), generated from the model, for kubectl apply. Each has a",
      "status subresource (conditions Accepted and Programmed, written by 'hango serve --kubernetes')."
    },
    footer = {"", "Examples:", "  hango crds | kubectl apply -f -", "  hango crds > examples/kubernetes/crds.yaml"})
final class CrdsCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(HangoCrds.yaml());
    out.flush();
    return ExitCodes.OK;
  }
}
