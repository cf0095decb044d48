/** The Nacos registry client's internals: not API, may change in any release. */
package io.hango.registry.nacos.internal;
