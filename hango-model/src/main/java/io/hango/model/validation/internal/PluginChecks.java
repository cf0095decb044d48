package io.hango.model.validation.internal;

import io.hango.model.GatewayConfig;
import io.hango.model.ResourceKind;
import io.hango.model.gateway.Gateway;
import io.hango.model.plugin.Plugin;
import io.hango.model.plugin.PluginTarget;

/** Checks a {@link Plugin}: its type name and that its targets exist. Its config is the plugin type's to check. Internal. */
public final class PluginChecks {

  private final GatewayConfig config;
  private final References refs;
  private final ProblemSink sink;

  public PluginChecks(GatewayConfig config, References refs, ProblemSink sink) {
    this.config = config;
    this.refs = refs;
    this.sink = sink;
  }

  public void check(Plugin p) {
    Formats.name(p.spec().type()).ifPresent(m -> sink.error(p, "spec.type", "plugin type: " + m));
    if (p.spec().targets().isEmpty()) {
      sink.error(p, "spec.targets", "a plugin needs at least one target");
    }
    for (int i = 0; i < p.spec().targets().size(); i++) {
      PluginTarget t = p.spec().targets().get(i);
      String path = "spec.targets[" + i + "]";
      if (p.spec().targets().indexOf(t) < i) {
        sink.error(p, path, "duplicate target " + t.kind() + " '" + t.name() + "'");
      }
      switch (t.kind()) {
        case GATEWAY:
          reference(p, path + ".name", ResourceKind.GATEWAY, t.name());
          break;
        case ROUTE:
          reference(p, path + ".name", ResourceKind.ROUTE, t.name());
          break;
        case HOST:
          if (Formats.hostPattern(t.name()).isPresent()) {
            sink.error(p, path + ".name", Formats.hostPattern(t.name()).get());
          } else if (config.gateways().stream().map(Gateway::spec)
              .flatMap(s -> s.listeners().stream()).noneMatch(l -> Hosts.serves(l.hosts(), t.name()))) {
            sink.warning(p, path + ".name", "host '" + t.name() + "' is not served by any gateway listener");
          }
          break;
        default:
          throw new IllegalStateException("unknown target kind " + t.kind());
      }
    }
  }

  private void reference(Plugin p, String path, ResourceKind kind, String name) {
    if (!refs.exists(kind, name)) {
      sink.error(p, path, refs.missing(kind, name));
    }
  }
}
