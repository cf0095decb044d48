package io.hango.registry.kubernetes;

import io.hango.model.registry.Registry;
import io.hango.registry.RegistryContext;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;

/** A {@link RegistryContext} for driving a client directly. */
record TestContext(Registry registry, Path dataDirectory, ScheduledExecutorService scheduler) implements RegistryContext {}
