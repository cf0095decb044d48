package io.hango.translate.internal.ir;

/** A proxyless-gRPC API listener: an exact host name and the gateway listener whose routes it uses. */
public record IrApiListener(String host, IrListener source) {}
