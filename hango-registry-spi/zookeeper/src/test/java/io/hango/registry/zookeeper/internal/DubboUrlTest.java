package io.hango.registry.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DubboUrlTest {

  private static String node(String url) {
    return URLEncoder.encode(url, StandardCharsets.UTF_8);
  }

  @Test
  void decodesTheNodeNameAndThenEachParameterOnceMore() {
    DubboUrl url = DubboUrl.parse(node("dubbo://10.0.0.7:20880/com.example.Orders?anyhost=true&application=orders"
        + "&methods=get%2Cput%2Clist&tag=a%26b&note=x%3Dy+z&side=provider&timeout=3000"));

    assertThat(url.protocol()).isEqualTo("dubbo");
    assertThat(url.host()).isEqualTo("10.0.0.7");
    assertThat(url.port()).isEqualTo(20880);
    assertThat(url.path()).isEqualTo("com.example.Orders");
    assertThat(url.parameters()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "anyhost", "true",
        "application", "orders",
        "methods", "get,put,list",
        "tag", "a&b",
        "note", "x=y+z",
        "side", "provider",
        "timeout", "3000"));
    assertThat(url.address()).isEqualTo("dubbo://10.0.0.7:20880/com.example.Orders");
  }

  @Test
  void aNodeNameEncodedOnceWithPlainCommasReadsTheSame() {
    DubboUrl url = DubboUrl.parse(node("tri://10.0.0.8:50051/com.example.Orders?methods=get,put&version=1.0.0"));

    assertThat(url.parameters()).containsEntry("methods", "get,put").containsEntry("version", "1.0.0");
  }

  @Test
  void aValueThatIsNotPercentEncodingStaysAsWritten() {
    DubboUrl url = DubboUrl.parse(node("dubbo://10.0.0.7:20880/x?discount=50%&bad=%zz&bytes=%C3%28"));

    assertThat(url.parameters())
        .containsEntry("discount", "50%")
        .containsEntry("bad", "%zz")
        .containsEntry("bytes", "%C3%28");
  }

  @Test
  void decodesUtf8InParameters() {
    DubboUrl url = DubboUrl.parse(node("dubbo://10.0.0.7:20880/x?owner=%E5%BC%A0%E4%B8%89"));

    assertThat(url.parameters()).containsEntry("owner", "张三");
  }

  @Test
  void readsIpv6HostsAndDropsUserInfo() {
    DubboUrl url = DubboUrl.parse(node("dubbo://admin:secret@[fd00::12]:20880/com.example.Orders?side=provider"));

    assertThat(url.host()).isEqualTo("fd00::12");
    assertThat(url.port()).isEqualTo(20880);
    assertThat(url.address()).isEqualTo("dubbo://[fd00::12]:20880/com.example.Orders").doesNotContain("secret");
  }

  @Test
  void aUrlWithoutPortHasPortZero() {
    assertThat(DubboUrl.parse(node("rest://orders.internal/com.example.Orders")).port()).isZero();
  }

  @Test
  void dubbo2DefaultPrefixedParametersApplyWhenThePlainKeyIsMissingOrEmpty() {
    DubboUrl url = DubboUrl.parse(node("dubbo://10.0.0.7:20880/x?default.group=g1&version=&default.version=2.0&weight=5"));

    assertThat(url.parameter("group")).isEqualTo("g1");
    assertThat(url.parameter("version")).isEqualTo("2.0");
    assertThat(url.parameter("weight")).isEqualTo("5");
    assertThat(url.parameter("enabled")).isNull();
  }

  @Test
  void rejectsWhatIsNotAProviderUrl() {
    assertThatThrownBy(() -> DubboUrl.parse("10.0.0.7:20880")).hasMessageContaining("no protocol://");
    assertThatThrownBy(() -> DubboUrl.parse(node("dubbo://10.0.0.7:http/x"))).hasMessageContaining("port 'http'");
    assertThatThrownBy(() -> DubboUrl.parse(node("dubbo://:20880/x"))).hasMessageContaining("no host");
    assertThatThrownBy(() -> DubboUrl.parse("dubbo%3A%2F%2F10.0.0.7%3A2088%G")).isInstanceOf(IllegalArgumentException.class);
  }
}
