/** The discovery runtime's internals: not API, may change in any release. */
package io.hango.registry.internal;
