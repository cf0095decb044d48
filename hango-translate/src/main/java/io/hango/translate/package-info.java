/**
 * The translator from the Hango gateway model to Envoy v3 resources: {@link
 * io.hango.translate.Translator}, its input {@link io.hango.translate.Endpoints} and output {@link
 * io.hango.translate.Translation} / {@link io.hango.translate.EnvoyResources}. Plugins extend it
 * through {@link io.hango.translate.spi}; {@code io.hango.translate.internal} is not API and may
 * change without notice.
 */
package io.hango.translate;
