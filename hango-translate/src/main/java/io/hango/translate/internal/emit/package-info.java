/**
 * The emitters: Envoy resources from the translator's IR ({@code io.hango.translate.internal.ir}).
 * Not API: any class here may change or go away in any release.
 *
 * <p>Each emitter reads only the IR and a {@link io.hango.translate.internal.emit.TranslationContext};
 * none decides what applies where. {@link io.hango.translate.internal.emit.Assembler} puts their
 * output together, for all gateways or for one.
 */
package io.hango.translate.internal.emit;
