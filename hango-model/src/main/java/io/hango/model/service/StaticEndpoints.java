package io.hango.model.service;

import java.util.List;

/** Endpoints written in the config. */
public record StaticEndpoints(List<Endpoint> endpoints) implements Discovery {
  public StaticEndpoints {
    endpoints = List.copyOf(endpoints);
  }
}
