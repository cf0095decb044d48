/**
 * Internals of the route simulator (compiled configurations, matchers, header mutations, URI
 * templates). Not API: may change in any release.
 */
package io.hango.routesim.internal;
