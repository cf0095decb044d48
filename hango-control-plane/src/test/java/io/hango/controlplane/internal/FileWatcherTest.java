package io.hango.controlplane.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatcherTest {

  private static final Duration POLL = Duration.ofMillis(30);

  @TempDir Path dir;

  @Test
  void aBurstOfWritesIsReportedOnce() throws Exception {
    // A poll long enough that the whole burst lands within one interval even on a loaded machine.
    Duration poll = Duration.ofMillis(300);
    Files.writeString(dir.resolve("a.yaml"), "a: 1\n");
    AtomicInteger changes = new AtomicInteger();
    try (FileWatcher w = new FileWatcher(List.of(dir), poll, changes::incrementAndGet)) {
      for (int i = 0; i < 5; i++) {
        Files.writeString(dir.resolve("a.yaml"), "a: " + i + "\n");
        Files.writeString(dir.resolve("b.yml"), "b: " + i + "\n");
      }
      awaitAtLeast(changes, 1);
      TimeUnit.MILLISECONDS.sleep(poll.toMillis() * 4);
      assertThat(changes.get()).isEqualTo(1);
    }
  }

  @Test
  void seesAContentChangeThatKeepsSizeAndModificationTime() throws Exception {
    Path f = dir.resolve("a.yaml");
    Files.writeString(f, "port: 1\n");
    FileTime mtime = Files.getLastModifiedTime(f);
    AtomicInteger changes = new AtomicInteger();
    try (FileWatcher w = new FileWatcher(List.of(f), POLL, changes::incrementAndGet)) {
      Files.writeString(f, "port: 2\n");
      Files.setLastModifiedTime(f, mtime);
      awaitAtLeast(changes, 1);
    }
  }

  @Test
  void ignoresFilesThatAreNotConfigAndReportsDeletions() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), "a: 1\n");
    AtomicInteger changes = new AtomicInteger();
    try (FileWatcher w = new FileWatcher(List.of(dir), POLL, changes::incrementAndGet)) {
      Files.writeString(dir.resolve("notes.txt"), "x");
      Files.writeString(dir.resolve("a.yaml.swp"), "x");
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis() * 6);
      assertThat(changes.get()).isZero();
      Files.delete(dir.resolve("a.yaml"));
      awaitAtLeast(changes, 1);
    }
  }

  @Test
  void aFailingCallbackDoesNotStopTheWatcher() throws Exception {
    Path f = dir.resolve("a.yaml");
    Files.writeString(f, "a: 1\n");
    AtomicInteger calls = new AtomicInteger();
    Runnable failing =
        () -> {
          calls.incrementAndGet();
          throw new IllegalStateException("boom");
        };
    try (FileWatcher w = new FileWatcher(List.of(f), POLL, failing)) {
      Files.writeString(f, "a: 2\n");
      awaitAtLeast(calls, 1);
      Files.writeString(f, "a: 3\n");
      awaitAtLeast(calls, 2);
    }
  }

  private static void awaitAtLeast(AtomicInteger n, int at) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (n.get() < at) {
      assertThat(System.nanoTime()).as("waited 10s for %s changes", at).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }
}
