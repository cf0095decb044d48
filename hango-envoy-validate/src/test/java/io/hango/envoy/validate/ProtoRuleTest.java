package io.hango.envoy.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.Duration;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import io.envoyproxy.envoy.config.accesslog.v3.GrpcStatusFilter;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.GrpcMethodList;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.KeepaliveSettings;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.core.v3.RateLimitSettings;
import io.envoyproxy.envoy.config.core.v3.SchemeHeaderTransformation;
import io.envoyproxy.envoy.config.core.v3.SocketOption;
import io.envoyproxy.envoy.config.core.v3.TlvEntry;
import io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig;
import io.envoyproxy.envoy.config.core.v3.UpstreamHttpProtocolOptions;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.overload.v3.ThresholdTrigger;
import io.envoyproxy.envoy.config.route.v3.InternalRedirectPolicy;
import io.envoyproxy.envoy.config.route.v3.RateLimit;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.clusters.dns.v3.DnsCluster;
import io.envoyproxy.envoy.extensions.filters.http.bandwidth_limit.v3.BandwidthLimit;
import io.envoyproxy.envoy.extensions.filters.http.buffer.v3.BufferPerRoute;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.http.thrift_to_metadata.v3.FieldSelector;
import io.envoyproxy.envoy.extensions.filters.network.connection_limit.v3.ConnectionLimit;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.ResponseMapper;
import io.envoyproxy.envoy.extensions.geoip_providers.common.v3.CommonGeoipProviderConfig;
import io.envoyproxy.envoy.extensions.geoip_providers.maxmind.v3.MaxMindConfig;
import io.envoyproxy.envoy.extensions.load_balancing_policies.client_side_weighted_round_robin.v3.ClientSideWeightedRoundRobin;
import io.envoyproxy.envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.service.rate_limit_quota.v3.BucketId;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule kind that Envoy's own protos use: a real Envoy message that breaks it, with the exact path and rule
 * expected, and a valid counterpart that passes. Rule kinds that no Envoy proto uses are in {@link SyntheticRuleTest}.
 */
class ProtoRuleTest {

  private static final EnvoyValidator VALIDATOR = EnvoyValidator.create();

  record Case(String name, Message invalid, Message valid, String path, String rule) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    Cluster cluster = Cluster.newBuilder().setName("c").build();
    return Stream.of(
        new Case("string.min_len", Cluster.getDefaultInstance(), cluster, "name", "string.min_len"),
        new Case("string.max_bytes", UpstreamTlsContext.newBuilder().setSni("a".repeat(256)).build(),
            UpstreamTlsContext.newBuilder().setSni("a".repeat(255)).build(), "sni", "string.max_bytes"),
        new Case("string.pattern", maxMind().setCityDbPath("geo.txt").build(),
            maxMind().setCityDbPath("geo.mmdb").build(), "city_db_path", "string.pattern"),
        new Case("string.prefix", RateLimit.HitsAddend.newBuilder().setFormat("x%").build(),
            RateLimit.HitsAddend.newBuilder().setFormat("%DYNAMIC_METADATA(a:b)%").build(), "format", "string.prefix"),
        new Case("string.suffix", RateLimit.HitsAddend.newBuilder().setFormat("%x").build(),
            RateLimit.HitsAddend.getDefaultInstance(), "format", "string.suffix"),
        new Case("string.in (oneof member)", SchemeHeaderTransformation.newBuilder().setSchemeToOverwrite("ftp").build(),
            SchemeHeaderTransformation.newBuilder().setSchemeToOverwrite("https").build(), "scheme_to_overwrite", "string.in"),
        new Case("string.well_known_regex loose header name", HeaderValue.newBuilder().setKey("x-a\nb").build(),
            HeaderValue.newBuilder().setKey("x-a b").build(), "key", "string.well_known_regex"),
        new Case("string.ignore_empty + header name", UpstreamHttpProtocolOptions.newBuilder().setOverrideAutoSniHeader("a b").build(),
            UpstreamHttpProtocolOptions.newBuilder().setOverrideAutoSniHeader("").build(), "override_auto_sni_header",
            "string.well_known_regex"),
        new Case("bytes.min_len", TlvEntry.newBuilder().setType(1).build(),
            TlvEntry.newBuilder().setType(1).setValue(ByteString.copyFromUtf8("v")).build(), "value", "bytes.min_len"),
        new Case("bytes.max_len", HeaderValue.newBuilder().setKey("k").setRawValue(ByteString.copyFrom(new byte[16385])).build(),
            HeaderValue.newBuilder().setKey("k").setRawValue(ByteString.copyFrom(new byte[16384])).build(), "raw_value", "bytes.max_len"),
        new Case("uint32 wrapper (gt, lte)", EnvoyFixtures.hcm("r").toBuilder().setMaxRequestHeadersKb(UInt32Value.of(0)).build(),
            EnvoyFixtures.hcm("r").toBuilder().setMaxRequestHeadersKb(UInt32Value.of(8192)).build(),
            "max_request_headers_kb", "uint32.gt_lte"),
        new Case("uint32 (gte, lt)", FaultAbort.newBuilder().setHttpStatus(600).build(),
            FaultAbort.newBuilder().setHttpStatus(503).build(), "http_status", "uint32.gte_lt"),
        new Case("uint64 wrapper gte", ConnectionLimit.newBuilder().setStatPrefix("s").setMaxConnections(UInt64Value.of(0)).build(),
            ConnectionLimit.newBuilder().setStatPrefix("s").setMaxConnections(UInt64Value.of(1)).build(), "max_connections", "uint64.gte"),
        new Case("int32 (gte, lte)", FieldSelector.newBuilder().setName("f").setId(32768).build(),
            FieldSelector.newBuilder().setName("f").setId(-32768).build(), "id", "int32.gte_lte"),
        new Case("int64.gt", DownstreamConnectionsConfig.newBuilder().setMaxActiveDownstreamConnections(0).build(),
            DownstreamConnectionsConfig.newBuilder().setMaxActiveDownstreamConnections(1).build(),
            "max_active_downstream_connections", "int64.gt"),
        new Case("double (gte, lte)", ThresholdTrigger.newBuilder().setValue(1.5).build(),
            ThresholdTrigger.newBuilder().setValue(1.0).build(), "value", "double.gte_lte"),
        new Case("double wrapper gt", RateLimitSettings.newBuilder().setFillRate(DoubleValue.of(0)).build(),
            RateLimitSettings.newBuilder().setFillRate(DoubleValue.of(0.5)).build(), "fill_rate", "double.gt"),
        new Case("float wrapper gte", ClientSideWeightedRoundRobin.newBuilder().setErrorUtilizationPenalty(FloatValue.of(-0.5f)).build(),
            ClientSideWeightedRoundRobin.newBuilder().setErrorUtilizationPenalty(FloatValue.of(0f)).build(),
            "error_utilization_penalty", "float.gte"),
        new Case("bool.const (oneof member set)", BufferPerRoute.newBuilder().setDisabled(false).build(),
            BufferPerRoute.newBuilder().setDisabled(true).build(), "disabled", "bool.const"),
        new Case("enum.defined_only", SocketOption.newBuilder().setIntValue(1).setStateValue(99).build(),
            SocketOption.newBuilder().setIntValue(1).setState(SocketOption.SocketState.STATE_LISTENING).build(),
            "state", "enum.defined_only"),
        new Case("enum.not_in", SubjectAltNameMatcher.newBuilder().setMatcher(
                io.envoyproxy.envoy.type.matcher.v3.StringMatcher.newBuilder().setExact("a")).build(),
            SubjectAltNameMatcher.newBuilder().setSanType(SubjectAltNameMatcher.SanType.DNS).setMatcher(
                io.envoyproxy.envoy.type.matcher.v3.StringMatcher.newBuilder().setExact("a")).build(),
            "san_type", "enum.not_in"),
        new Case("duration.gt", Cluster.newBuilder().setName("c").setConnectTimeout(Duration.getDefaultInstance()).build(),
            Cluster.newBuilder().setName("c").setConnectTimeout(Duration.newBuilder().setNanos(1)).build(),
            "connect_timeout", "duration.gt"),
        new Case("duration (gte, lte)", BandwidthLimit.newBuilder().setStatPrefix("s").setFillInterval(Duration.newBuilder().setSeconds(2)).build(),
            BandwidthLimit.newBuilder().setStatPrefix("s").setFillInterval(Duration.newBuilder().setSeconds(1)).build(),
            "fill_interval", "duration.gte_lte"),
        new Case("duration (gte, lt)", DownstreamTlsContext.newBuilder().setSessionTimeout(Duration.newBuilder().setSeconds(-1)).build(),
            DownstreamTlsContext.newBuilder().setSessionTimeout(Duration.newBuilder().setSeconds(300)).build(),
            "session_timeout", "duration.gte_lt"),
        new Case("duration.gt on a nested message", DnsCluster.newBuilder().setDnsRefreshRate(Duration.newBuilder().setNanos(1000)).build(),
            DnsCluster.newBuilder().setDnsRefreshRate(Duration.newBuilder().setSeconds(5)).build(), "dns_refresh_rate", "duration.gt"),
        new Case("duration.required", KeepaliveSettings.getDefaultInstance(),
            KeepaliveSettings.newBuilder().setTimeout(Duration.newBuilder().setSeconds(1)).build(), "timeout", "duration.required"),
        new Case("any.required", TypedExtensionConfig.newBuilder().setName("x").build(),
            TypedExtensionConfig.newBuilder().setName("x").setTypedConfig(Any.pack(Router.getDefaultInstance())).build(),
            "typed_config", "any.required"),
        new Case("message.required", route(Route.newBuilder().setRedirect(
                io.envoyproxy.envoy.config.route.v3.RedirectAction.newBuilder().setHostRedirect("h")).build()),
            route(Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/")).setRedirect(
                io.envoyproxy.envoy.config.route.v3.RedirectAction.newBuilder().setHostRedirect("h")).build()),
            "virtual_hosts[0].routes[0].match", "message.required"),
        new Case("oneof.required", route(Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/")).build()),
            route(EnvoyFixtures.route("/", "c")), "virtual_hosts[0].routes[0].action", "oneof.required"),
        new Case("repeated.min_items", GrpcMethodList.Service.newBuilder().setName("s").build(),
            GrpcMethodList.Service.newBuilder().setName("s").addMethodNames("m").build(), "method_names", "repeated.min_items"),
        new Case("repeated.max_items", ResponseMapper.newBuilder().setFilter(statusFilter())
                .addAllHeadersToAdd(Collections.nCopies(1001, header())).build(),
            ResponseMapper.newBuilder().setFilter(statusFilter()).addAllHeadersToAdd(Collections.nCopies(1000, header())).build(),
            "headers_to_add", "repeated.max_items"),
        new Case("repeated.unique", InternalRedirectPolicy.newBuilder().addResponseHeadersToCopy("x-a").addResponseHeadersToCopy("x-a").build(),
            InternalRedirectPolicy.newBuilder().addResponseHeadersToCopy("x-a").addResponseHeadersToCopy("x-b").build(),
            "response_headers_to_copy[1]", "repeated.unique"),
        new Case("repeated.items uint32 range", FilterChainMatch.newBuilder().addSourcePorts(80).addSourcePorts(0).build(),
            FilterChainMatch.newBuilder().addSourcePorts(80).addSourcePorts(65535).build(), "source_ports[1]", "uint32.gte_lte"),
        new Case("repeated.items string.in", Router.newBuilder().addStrictCheckHeaders("x-envoy-max-retries").addStrictCheckHeaders("x-foo").build(),
            Router.newBuilder().addStrictCheckHeaders("x-envoy-max-retries").build(), "strict_check_headers[1]", "string.in"),
        new Case("repeated.items enum.defined_only", GrpcStatusFilter.newBuilder().addStatusesValue(99).build(),
            GrpcStatusFilter.newBuilder().addStatuses(GrpcStatusFilter.Status.UNAVAILABLE).build(), "statuses[0]", "enum.defined_only"),
        new Case("map.keys", Metadata.newBuilder().putFilterMetadata("", Struct.getDefaultInstance()).build(),
            Metadata.newBuilder().putFilterMetadata("envoy.lb", Struct.getDefaultInstance()).build(),
            "filter_metadata[\"\"]", "map.keys.string.min_len"),
        new Case("map.min_pairs", BucketId.getDefaultInstance(), BucketId.newBuilder().putBucket("k", "v").build(),
            "bucket", "map.min_pairs"),
        new Case("map.values", BucketId.newBuilder().putBucket("k", "").build(), BucketId.newBuilder().putBucket("k", "v").build(),
            "bucket[\"k\"]", "string.min_len"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void invalidMessageReportsExactlyThatRule(Case c) {
    assertThat(VALIDATOR.validate(c.invalid()))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple(c.path(), c.rule()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validCounterpartPasses(Case c) {
    assertThat(VALIDATOR.validate(c.valid())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void violationNamesTheResource(Case c) {
    Violation v = VALIDATOR.validate(c.invalid()).get(0);
    assertThat(v.resourceType()).isEqualTo(c.invalid().getDescriptorForType().getFullName());
    assertThat(v.severity()).isEqualTo(Severity.ERROR);
    assertThat(v.message()).isNotBlank();
  }

  private static RouteConfiguration route(Route route) {
    return RouteConfiguration.newBuilder().setName("rc")
        .addVirtualHosts(VirtualHost.newBuilder().setName("vh").addDomains("*").addRoutes(route)).build();
  }

  private static MaxMindConfig.Builder maxMind() {
    return MaxMindConfig.newBuilder().setCommonProviderConfig(CommonGeoipProviderConfig.newBuilder()
        .setGeoHeadersToAdd(CommonGeoipProviderConfig.GeolocationHeadersToAdd.newBuilder().setCountry("x-geo-country")));
  }

  private static HeaderValueOption header() {
    return HeaderValueOption.newBuilder().setHeader(HeaderValue.newBuilder().setKey("x-a").setValue("1")).build();
  }

  private static io.envoyproxy.envoy.config.accesslog.v3.AccessLogFilter statusFilter() {
    return io.envoyproxy.envoy.config.accesslog.v3.AccessLogFilter.newBuilder()
        .setStatusCodeFilter(io.envoyproxy.envoy.config.accesslog.v3.StatusCodeFilter.newBuilder()
            .setComparison(io.envoyproxy.envoy.config.accesslog.v3.ComparisonFilter.newBuilder()
                .setValue(io.envoyproxy.envoy.config.core.v3.RuntimeUInt32.newBuilder().setRuntimeKey("k").setDefaultValue(500))))
        .build();
  }

}
