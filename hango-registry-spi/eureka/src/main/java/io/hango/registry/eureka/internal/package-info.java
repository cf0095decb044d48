/** The Eureka registry client's internals: not API, may change in any release. */
package io.hango.registry.eureka.internal;
