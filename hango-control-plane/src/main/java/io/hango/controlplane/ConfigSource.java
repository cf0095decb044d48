package io.hango.controlplane;

import static java.util.Objects.requireNonNull;

import io.hango.controlplane.internal.FileWatcher;
import io.hango.model.GatewayConfig;
import io.hango.model.io.ConfigLoad;
import io.hango.model.io.ConfigReader;
import io.hango.model.validation.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the control plane gets its {@link GatewayConfig}: files (the default, watched for
 * changes), or anything a host application builds itself.
 *
 * <p>The control plane calls {@link #load()} at start, whenever the source's {@link #watch
 * watcher} reports a change, and on {@link ControlPlane#reload()}. A host application that keeps
 * its config in memory implements {@link #load()} only and calls {@code reload()} itself.
 */
public interface ConfigSource {

  /**
   * What one load found: the config (absent when nothing could be bound, e.g. a syntax error)
   * and the problems found while reading and binding it (positions included where known).
   * Semantic validation is the control plane's job and not expected here.
   */
  record Loaded(Optional<GatewayConfig> config, List<Problem> problems) {
    /** Copies the problems. */
    public Loaded {
      requireNonNull(config, "config");
      problems = List.copyOf(problems);
    }

    /** A config read without problems. */
    public static Loaded of(GatewayConfig config) {
      return new Loaded(Optional.of(config), List.of());
    }
  }

  /** Reads the current config. Must not throw for a bad config: report it as problems. */
  Loaded load();

  /**
   * Starts watching for changes, calling {@code onChange} once per burst of them (from any
   * thread). The default does not watch. Closing the result stops watching.
   */
  default AutoCloseable watch(Duration pollInterval, Runnable onChange) {
    return () -> {};
  }

  /**
   * What became of the config of the last {@link #load()}: applied, unchanged (both mean it is
   * served) or rejected, with its problems. Called once per load, on the thread that loaded, after
   * the outcome is final. A source that reports back to where the config came from (the
   * Kubernetes source writes each resource's status) uses it; the default does nothing. Must not
   * block for long; a runtime exception is logged and ignored.
   */
  default void onOutcome(ReloadOutcome outcome) {}

  /** A short description for logs, e.g. the paths read. */
  default String describe() {
    return getClass().getSimpleName();
  }

  /**
   * Config files and directories (the {@code .yaml}, {@code .yml} and {@code .json} files directly
   * inside), read with {@link ConfigReader#flat()} and watched by polling their content.
   */
  static ConfigSource files(Path... paths) {
    return files(Arrays.asList(paths));
  }

  /** See {@link #files(Path...)}. */
  static ConfigSource files(List<Path> paths) {
    List<Path> copy = List.copyOf(paths);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("no config paths");
    }
    // Only the files whose text changed are parsed again: one edited route file out of many (or
    // one small file beside a large one) does not cost a parse of the whole config.
    ConfigReader reader = ConfigReader.flat().withFileCache();
    return new ConfigSource() {
      @Override
      public Loaded load() {
        ConfigLoad load = reader.readAll(copy);
        if (load.hasReadErrors()) {
          return new Loaded(Optional.empty(), load.readErrors());
        }
        // Structural problems (fields that do not fit the model) come with the load; the control
        // plane adds the semantic validation of the bound config.
        List<Problem> problems = new ArrayList<>(load.problems());
        return new Loaded(Optional.of(load.config()), problems);
      }

      @Override
      public AutoCloseable watch(Duration pollInterval, Runnable onChange) {
        return new FileWatcher(copy, pollInterval, onChange);
      }

      @Override
      public String describe() {
        return copy.toString();
      }
    };
  }

  /** A config the host application supplies; called on every load. */
  static ConfigSource of(Supplier<GatewayConfig> config) {
    requireNonNull(config, "config");
    return () -> Loaded.of(requireNonNull(config.get(), "config supplied"));
  }
}
