package io.hango.testing.eureka.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/**
 * The Eureka server that {@link io.hango.testing.eureka.EurekaServerProcess} runs in its own JVM:
 * Spring Cloud Netflix's, standalone on 127.0.0.1, tuned so that registrations, status changes and
 * deletions show in {@code /eureka/apps} and {@code /eureka/apps/delta} at once. The port comes as
 * {@code --server.port=N}.
 */
@SpringBootApplication
@EnableEurekaServer
public class EurekaServerMain {

  /** Starts the server; arguments are Spring Boot's ({@code --server.port=N}). */
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(EurekaServerMain.class);
    app.setDefaultProperties(settings());
    app.run(args);
  }

  private static Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("spring.application.name", "hango-eureka-test-server");
    s.put("spring.main.banner-mode", "off");
    s.put("spring.jmx.enabled", "false");
    s.put("server.address", "127.0.0.1");
    // A standalone server: it neither registers with nor fetches from a peer, and its only
    // "peer" URL is itself (recognised by host name and port), so it replicates to nobody.
    s.put("eureka.instance.hostname", "127.0.0.1");
    s.put("eureka.client.register-with-eureka", "false");
    s.put("eureka.client.fetch-registry", "false");
    s.put("eureka.client.service-url.defaultZone", "http://127.0.0.1:${server.port}/eureka/");
    // Every change visible at once: no read-only cache (the read-write cache is invalidated on
    // every change), no waiting for peers at start, no self-preservation, quick evictions.
    s.put("eureka.server.use-read-only-response-cache", "false");
    s.put("eureka.server.response-cache-update-interval-ms", "100");
    s.put("eureka.server.wait-time-in-ms-when-sync-empty", "0");
    s.put("eureka.server.enable-self-preservation", "false");
    s.put("eureka.server.eviction-interval-timer-in-ms", "1000");
    s.put("eureka.dashboard.enabled", "false");
    return s;
  }
}
