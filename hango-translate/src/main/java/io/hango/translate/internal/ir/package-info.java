/**
 * The translator's intermediate representation: not API. Any class here may change or go away in
 * any release.
 *
 * <p>The {@link io.hango.translate.internal.ir.Resolver} builds an {@link io.hango.translate.internal.ir.Ir}
 * once from a config: what applies where (virtual hosts and the routes in them in their final
 * order, resolved destinations, the plugin document that wins at each route, host and gateway,
 * clusters and secret uses) with every rule of the model checked in one place. The emitters of
 * {@code io.hango.translate.internal.emit} read only the IR. Modelled on Envoy Gateway's
 * {@code internal/ir}. Records here are immutable (their lists are copies).
 */
package io.hango.translate.internal.ir;
