/**
 * Internals of the module: not API. Any class here may change or go away in any release; use the
 * public packages instead.
 */
package io.hango.translate.internal;
