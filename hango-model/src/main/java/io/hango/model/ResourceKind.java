package io.hango.model;

import io.hango.model.gateway.Gateway;
import io.hango.model.plugin.Plugin;
import io.hango.model.registry.Registry;
import io.hango.model.route.Route;
import io.hango.model.secret.Secret;
import io.hango.model.service.Service;

/** The kinds of documents a Hango config is made of, with the {@code kind:} spelling of each. */
public enum ResourceKind {
  GATEWAY("Gateway", Gateway.class),
  ROUTE("Route", Route.class),
  SERVICE("Service", Service.class),
  PLUGIN("Plugin", Plugin.class),
  REGISTRY("Registry", Registry.class),
  SECRET("Secret", Secret.class);

  private final String kindName;
  private final Class<? extends Resource> type;

  ResourceKind(String kindName, Class<? extends Resource> type) {
    this.kindName = kindName;
    this.type = type;
  }

  /** The value of the {@code kind} field, e.g. {@code Gateway}. */
  public String kindName() {
    return kindName;
  }

  /** The model interface of this kind. */
  public Class<? extends Resource> type() {
    return type;
  }

  /** The kind with the given {@code kind:} spelling, or {@code null}. */
  public static ResourceKind fromKindName(String kindName) {
    for (ResourceKind k : values()) {
      if (k.kindName.equals(kindName)) {
        return k;
      }
    }
    return null;
  }
}
