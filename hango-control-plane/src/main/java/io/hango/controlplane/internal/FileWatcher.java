package io.hango.controlplane.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches config files and the config files directly inside directories, and calls back once per burst of changes.
 *
 * <p>It polls a fingerprint (path, size, modification time, checksum) of every config file rather than using
 * {@link java.nio.file.WatchService}: the JDK's watch service on Linux misses changes made through
 * symlink swaps (how Kubernetes updates mounted ConfigMaps) and polls anyway on some platforms. A
 * change is reported after the files have been quiet for one poll, so an editor's write-then-rename
 * is seen as one change.
 */
public final class FileWatcher implements AutoCloseable {

  private final List<Path> roots;
  private final Runnable onChange;
  private final ScheduledExecutorService scheduler;
  private Map<String, String> lastSeen;
  private Map<String, String> pending;
  private ScheduledFuture<?> task;

  /** Watches {@code roots}, polling every {@code interval}; {@code onChange} runs on the watcher's thread. */
  public FileWatcher(List<Path> roots, Duration interval, Runnable onChange) {
    this.roots = List.copyOf(roots);
    this.onChange = Objects.requireNonNull(onChange, "onChange");
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hango-config-watcher");
              t.setDaemon(true);
              return t;
            });
    this.lastSeen = fingerprint();
    long ms = Math.max(10, interval.toMillis());
    this.task = scheduler.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      Map<String, String> now = fingerprint();
      if (now.equals(lastSeen)) {
        pending = null;
        return;
      }
      if (!now.equals(pending)) {
        // Still changing: wait until one poll sees the same state twice.
        pending = now;
        return;
      }
      lastSeen = now;
      pending = null;
      onChange.run();
    } catch (RuntimeException e) {
      // Never let one failed poll kill the watcher; the callback logs its own errors.
      pending = null;
    }
  }

  /** Path -> "size/mtime/crc" of every config file under the roots, in path order. */
  Map<String, String> fingerprint() {
    Map<String, String> out = new TreeMap<>();
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        // Flat, like the config reader: files in subdirectories are not part of the config.
        try (Stream<Path> s = Files.list(root)) {
          List<Path> files = new ArrayList<>();
          s.filter(FileWatcher::isConfigFile).forEach(files::add);
          for (Path f : files) {
            add(out, f);
          }
        } catch (IOException | java.io.UncheckedIOException e) {
          out.put(root.toString(), "unreadable");
        }
      } else {
        add(out, root);
      }
    }
    return out;
  }

  private static void add(Map<String, String> out, Path f) {
    try {
      BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
      // Content checksum too: two writes within the file system's time granularity keep the mtime.
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(Files.readAllBytes(f));
      out.put(f.toString(), a.size() + "/" + a.lastModifiedTime().toMillis() + "/" + Long.toHexString(crc.getValue()));
    } catch (IOException e) {
      out.put(f.toString(), "missing");
    }
  }

  static boolean isConfigFile(Path p) {
    String n = p.getFileName().toString();
    return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"));
  }

  @Override
  public void close() {
    task.cancel(false);
    scheduler.shutdownNow();
  }
}
