/**
 * The HTTP filter plugin SPI: {@link io.hango.translate.spi.HttpFilterPlugin} (one class per
 * filter; {@link io.hango.translate.spi.TypedHttpFilterPlugin} for a typed config), its hook
 * contexts, and the one filter order table {@link io.hango.translate.spi.HttpFilterOrder}.
 */
package io.hango.translate.spi;
