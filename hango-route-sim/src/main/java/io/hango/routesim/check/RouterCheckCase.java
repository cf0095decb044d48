package io.hango.routesim.check;

/**
 * One router_check test ({@code ValidationItem}).
 *
 * @param name {@code test_name}
 * @param input the request
 * @param expected the {@code validate} block
 */
public record RouterCheckCase(String name, RouterCheckInput input, RouterCheckExpectations expected) {}
