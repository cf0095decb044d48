package io.hango.testkit.arbitraries.internal;

import static io.hango.testkit.arbitraries.internal.ModelPools.durations;

import io.hango.model.registry.ImmutableEureka;
import io.hango.model.registry.ImmutableKubernetes;
import io.hango.model.registry.ImmutableNacos;
import io.hango.model.registry.ImmutableStatic;
import io.hango.model.registry.ImmutableZookeeper;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of {@code Registry} documents, one kind of each registry type. Internal: use {@code HangoArbitraries}. */
public final class RegistryGenerators {

  private RegistryGenerators() {}

  public static Arbitrary<Registry> registries(String name) {
    Arbitrary<Duration> refresh = durations();
    Arbitrary<RegistrySpec.OnEmpty> onEmpty = Arbitraries.of(RegistrySpec.OnEmpty.values());
    List<Arbitrary<RegistrySpec>> kinds = List.of(
        Combinators.combine(refresh, onEmpty, Arbitraries.of("https://10.0.0.1:6443").optional(0.5), Arbitraries.of("shop", "default").list().uniqueElements().ofMaxSize(2))
            .as((r, e, api, ns) -> ImmutableKubernetes.builder().refreshInterval(r).onEmpty(e).apiServer(api).namespaces(ns).build()),
        Combinators.combine(refresh, onEmpty).as((r, e) -> ImmutableEureka.builder().refreshInterval(r).onEmpty(e).addServiceUrl("http://eureka:8761/eureka").build()),
        Combinators.combine(refresh, onEmpty, Arbitraries.of("prod").optional(0.5))
            .as((r, e, ns) -> ImmutableNacos.builder().refreshInterval(r).onEmpty(e).serverAddr("127.0.0.1:8848").namespace(ns).build()),
        Combinators.combine(refresh, onEmpty, Arbitraries.of(RegistrySpec.Zookeeper.Layout.values()), Arbitraries.of("/dubbo", "/services").optional(0.5))
            .as((r, e, l, root) -> ImmutableZookeeper.builder().refreshInterval(r).onEmpty(e).connectString("zk:2181/hango").layout(l).rootPath(root).build()),
        Combinators.combine(refresh, onEmpty, ServiceGenerators.endpoints(0), ServiceGenerators.endpoints(1))
            .as((r, e, a, b) -> ImmutableStatic.builder().refreshInterval(r).onEmpty(e).putService("orders-svc", List.of(a, b)).build()));
    return Arbitraries.oneOf(kinds).map(spec -> Registry.of(name, spec));
  }
}
