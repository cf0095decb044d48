package io.hango.translate.internal;

import io.hango.translate.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics during one translation. Not thread-safe (one per run). */
public final class Diagnostics {

  private final List<Diagnostic> list = new ArrayList<>();

  public void error(String resource, String path, String reason) {
    list.add(Diagnostic.error(resource, path, reason));
  }

  public void warning(String resource, String path, String reason) {
    list.add(Diagnostic.warning(resource, path, reason));
  }

  public List<Diagnostic> list() {
    return list;
  }
}
