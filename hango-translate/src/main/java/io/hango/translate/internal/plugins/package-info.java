/**
 * The built-in HTTP filter plugins: not API. Any class here may change or go away in any release;
 * write plugins against {@code io.hango.translate.spi}.
 */
package io.hango.translate.internal.plugins;
