package io.hango.controlplane;

import io.hango.controlplane.internal.AdminHttpServer;
import io.hango.controlplane.internal.ConfigPipeline;
import io.hango.controlplane.internal.SecretRedaction;
import io.hango.controlplane.internal.StatusViews;
import io.hango.translate.EnvoyResources;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What the admin port shows of a started {@link ControlPlane}; every view is computed per request. */
final class AdminViews {

  private AdminViews() {}

  /**
   * The admin port's content.
   *
   * @param cp the control plane, started
   * @param ready whether it serves a good config
   * @param served what it serves, or null before the first good config
   * @param prometheus the registry {@code /metrics} shows
   */
  static AdminHttpServer.Content of(
      ControlPlane cp, BooleanSupplier ready, Supplier<ConfigPipeline.Plan> served, PrometheusMeterRegistry prometheus) {
    return new AdminHttpServer.Content(
        ready,
        prometheus::scrape,
        () -> StatusViews.statusJson(cp.xdsServer().status(), cp.state(), summary(served.get())),
        () -> configJson(served.get()),
        () -> StatusViews.registriesJson(cp.discovery().status()),
        () -> StatusViews.statusPage(
            cp.xdsServer().status(), cp.state(), summary(served.get()), cp.discovery().status(), cp.xdsPort(), cp.adminPort()));
  }

  /** Every resource served, secrets redacted. */
  private static String configJson(ConfigPipeline.Plan p) {
    return SecretRedaction.redact(p == null ? EnvoyResources.empty().toJson() : p.all().toJson());
  }

  private static StatusViews.Served summary(ConfigPipeline.Plan p) {
    return p == null ? null : new StatusViews.Served(p.config(), p.all(), p.groups().keySet());
  }
}
