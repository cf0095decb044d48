package io.hango.registry.eureka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drives a Eureka server the way applications do, through its REST API: register
 * ({@code POST /apps/{APP}}), change and clear the status override ({@code PUT|DELETE
 * /apps/{APP}/{id}/status}), heartbeat, deregister ({@code DELETE /apps/{APP}/{id}}).
 */
final class EurekaRest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String serviceUrl;

  EurekaRest(String serviceUrl) {
    this.serviceUrl = serviceUrl;
  }

  /** An instance to register: application, id and IP; port 8080 enabled, secure port 8443 disabled, status UP. */
  static Registration instance(String app, String id, String ip) {
    return new Registration(app, id, ip);
  }

  /** Registers {@code r}; expects 204. */
  void register(Registration r) {
    send(HttpRequest.newBuilder(uri("/apps/" + r.app))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(r.json())), 204);
  }

  /** Overrides the status of an instance ({@code OUT_OF_SERVICE}, {@code UP}, ...); expects 200. */
  void overrideStatus(String app, String id, String status) {
    send(HttpRequest.newBuilder(uri("/apps/" + app + "/" + id + "/status?value=" + status))
        .PUT(HttpRequest.BodyPublishers.noBody()), 200);
  }

  /** Removes the status override of an instance, setting its status to {@code status}; expects 200. */
  void clearOverride(String app, String id, String status) {
    send(HttpRequest.newBuilder(uri("/apps/" + app + "/" + id + "/status?value=" + status)).DELETE(), 200);
  }

  /** A heartbeat that says the instance is {@code status}; expects 200. */
  void heartbeat(String app, String id, String status) {
    send(HttpRequest.newBuilder(uri("/apps/" + app + "/" + id + "?status=" + status))
        .PUT(HttpRequest.BodyPublishers.noBody()), 200);
  }

  /** Deregisters an instance; expects 200. */
  void deregister(String app, String id) {
    send(HttpRequest.newBuilder(uri("/apps/" + app + "/" + id)).DELETE(), 200);
  }

  private URI uri(String path) {
    return URI.create(serviceUrl + path);
  }

  private void send(HttpRequest.Builder request, int expected) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body()).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An instance as an application registers it; fluent. */
  static final class Registration {
    final String app;
    final String id;
    private final String ip;
    private final String hostName;
    private String status = "UP";
    private int port = 8080;
    private boolean portEnabled = true;
    private int securePort = 8443;
    private boolean securePortEnabled;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String availabilityZone;

    private Registration(String app, String id, String ip) {
      this.app = app;
      this.id = id;
      this.ip = ip;
      this.hostName = id + ".example.internal";
    }

    Registration status(String s) {
      this.status = s;
      return this;
    }

    Registration port(int p, boolean enabled) {
      this.port = p;
      this.portEnabled = enabled;
      return this;
    }

    Registration securePort(int p, boolean enabled) {
      this.securePort = p;
      this.securePortEnabled = enabled;
      return this;
    }

    Registration metadata(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    /** Registers as running on Amazon, in {@code zone}. */
    Registration amazon(String zone) {
      this.availabilityZone = zone;
      return this;
    }

    String json() {
      ObjectNode i = JSON.createObjectNode();
      i.put("instanceId", id);
      i.put("hostName", hostName);
      i.put("app", app.toUpperCase(java.util.Locale.ROOT));
      i.put("ipAddr", ip);
      i.put("status", status);
      i.putObject("port").put("$", port).put("@enabled", String.valueOf(portEnabled));
      i.putObject("securePort").put("$", securePort).put("@enabled", String.valueOf(securePortEnabled));
      ObjectNode dc = i.putObject("dataCenterInfo");
      if (availabilityZone == null) {
        dc.put("@class", "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo").put("name", "MyOwn");
      } else {
        dc.put("@class", "com.netflix.appinfo.AmazonInfo").put("name", "Amazon");
        dc.putObject("metadata").put("availability-zone", availabilityZone).put("instance-id", id);
      }
      ObjectNode md = i.putObject("metadata");
      md.put("@class", "java.util.Collections$EmptyMap");
      metadata.forEach(md::put);
      i.put("vipAddress", app.toLowerCase(java.util.Locale.ROOT));
      return JSON.createObjectNode().set("instance", i).toString();
    }
  }
}
