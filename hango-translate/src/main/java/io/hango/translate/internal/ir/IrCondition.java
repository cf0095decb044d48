package io.hango.translate.internal.ir;

import io.hango.model.route.StringMatcher;

/** A header or query parameter condition of a route, its one matcher already chosen. */
public record IrCondition(String name, StringMatcher matcher, boolean invert) {}
