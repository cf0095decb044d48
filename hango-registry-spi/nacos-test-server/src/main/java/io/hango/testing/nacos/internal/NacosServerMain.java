package io.hango.testing.nacos.internal;

import com.alibaba.nacos.NacosServerBasicApplication;
import com.alibaba.nacos.NacosServerWebApplication;
import com.alibaba.nacos.core.listener.startup.NacosStartUp;
import com.alibaba.nacos.core.listener.startup.NacosStartUpManager;
import com.alibaba.nacos.sys.env.DeploymentType;
import com.alibaba.nacos.sys.env.EnvUtil;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a Nacos server without its console, the way Nacos's own bootstrap does for the
 * {@code server} deployment type (the rebuild on Maven Central has no bootstrap artifact): the core
 * context first, then the server's web context (HTTP open and admin APIs) as its child. Settings come
 * from system properties and {@code spring.config.additional-location}, written by
 * {@link io.hango.testing.nacos.NacosServerProcess}. Exits with status 1 when the server fails to
 * start, so that the launcher sees it at once.
 */
public final class NacosServerMain {

  private NacosServerMain() {}

  /** Runs the server until the JVM is told to stop. */
  public static void main(String[] args) {
    try {
      EnvUtil.setDeploymentType(DeploymentType.SERVER);
      NacosStartUpManager.start(NacosStartUp.CORE_START_UP_PHASE);
      ConfigurableApplicationContext core = new SpringApplicationBuilder(NacosServerBasicApplication.class)
          .web(WebApplicationType.NONE)
          .run(args);
      NacosStartUpManager.start(NacosStartUp.WEB_START_UP_PHASE);
      new SpringApplicationBuilder(NacosServerWebApplication.class).parent(core).run(args);
    } catch (RuntimeException | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
  }
}
