package io.hango.model.route;

/** What a route does with a matched request: one of {@link Forward}, {@link Redirect}, {@link DirectResponse}. */
public sealed interface RouteAction permits Forward, Redirect, DirectResponse {}
