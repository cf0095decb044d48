package io.hango.bench;

import io.hango.model.GatewayConfig;
import io.hango.translate.Endpoints;
import io.hango.translate.Translation;
import io.hango.translate.Translator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of {@link Translator#translate} on generated configs of 1,000 and 10,000 routes
 * (services = routes / 10). Run with {@code java -cp ... org.openjdk.jmh.Main TranslateBenchmark}
 * (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class TranslateBenchmark {

  @Param({"1000", "10000"})
  public int routes;

  private GatewayConfig config;
  private Endpoints endpoints;
  private Translator translator;

  @Setup(Level.Trial)
  public void setUp() {
    config = ConfigGenerator.of(routes, routes / 10, 42).generate();
    endpoints = Endpoints.fromStaticConfig(config);
    translator = Translator.defaults();
  }

  @Benchmark
  public Translation translate() {
    return translator.translate(config, endpoints);
  }
}
