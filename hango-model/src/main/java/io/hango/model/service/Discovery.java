package io.hango.model.service;

import java.util.List;

/** Where a service's endpoints come from: {@link StaticEndpoints} or a {@link RegistryDiscovery}. */
public sealed interface Discovery permits StaticEndpoints, RegistryDiscovery {}
