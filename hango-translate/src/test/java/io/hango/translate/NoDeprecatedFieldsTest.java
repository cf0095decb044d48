package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No golden output sets a field (or enum value) Envoy's protos mark deprecated, inside {@code Any}s too. */
class NoDeprecatedFieldsTest {

  @Test
  void goldenOutputsUseNoDeprecatedField() throws Exception {
    List<Path> inputs;
    try (Stream<Path> s = Files.list(Paths.get("src/test/resources/golden/in"))) {
      inputs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    List<String> found = new ArrayList<>();
    for (Path in : inputs) {
      EnvoyResources r = GoldenTest.translate(in).resources();
      for (EnvoyResources.Type type : EnvoyResources.Type.values()) {
        for (Message m : r.get(type)) {
          walk(m, in.getFileName() + " " + EnvoyResources.nameOf(m), r, found);
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void theWalkFindsDeprecatedFieldsInsideAnys() throws Exception {
    io.envoyproxy.envoy.config.route.v3.RouteConfiguration rc = io.envoyproxy.envoy.config.route.v3.RouteConfiguration.newBuilder()
        .setName("x")
        .addVirtualHosts(io.envoyproxy.envoy.config.route.v3.VirtualHost.newBuilder().setName("v").addDomains("*")
            .putTypedPerFilterConfig("f", io.hango.translate.internal.Protos.pack(
                io.envoyproxy.envoy.config.route.v3.HeaderMatcher.newBuilder().setName("a").setExactMatch("b").build())))
        .build();
    List<String> found = new ArrayList<>();
    walk(rc, "rc", EnvoyResources.builder().addRoute(rc).addType(io.envoyproxy.envoy.config.route.v3.HeaderMatcher.getDescriptor()).build(), found);
    assertThat(found).containsExactly("rc.virtual_hosts.typed_per_filter_config.value<HeaderMatcher>.exact_match");
  }

  private static void walk(Message m, String at, EnvoyResources r, List<String> found) throws Exception {
    if (m instanceof Any any || m.getDescriptorForType().getFullName().equals(Any.getDescriptor().getFullName())) {
      Any a = m instanceof Any x ? x : Any.parseFrom(m.toByteString());
      Descriptors.Descriptor d = r.typeRegistry().find(a.getTypeUrl().substring(a.getTypeUrl().lastIndexOf('/') + 1));
      if (d != null) {
        walk(DynamicMessage.parseFrom(d, a.getValue()), at + "<" + d.getName() + ">", r, found);
      }
      return;
    }
    for (Map.Entry<Descriptors.FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      Descriptors.FieldDescriptor f = e.getKey();
      String path = at + "." + f.getName();
      if (f.getOptions().getDeprecated()) {
        found.add(path);
      }
      List<?> values = f.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
      for (Object v : values) {
        if (v instanceof Message sub) {
          walk(sub, path, r, found);
        } else if (v instanceof Descriptors.EnumValueDescriptor ev && ev.getOptions().getDeprecated()) {
          found.add(path + "=" + ev.getName());
        }
      }
    }
  }
}
