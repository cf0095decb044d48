package io.hango.translate.internal.ir;

/** Where a plugin document applies, from most to least specific: the model's "route over host over gateway". */
public enum PluginScope {
  ROUTE,
  HOST,
  GATEWAY
}
