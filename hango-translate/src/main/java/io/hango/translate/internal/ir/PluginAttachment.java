package io.hango.translate.internal.ir;

/** The plugin document that applies at one route or virtual host, and the scope it won through. */
public record PluginAttachment(PluginDoc doc, PluginScope scope) {}
