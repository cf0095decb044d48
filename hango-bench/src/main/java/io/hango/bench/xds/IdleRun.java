package io.hango.bench.xds;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The idle-streams measurement: what N connected, synced and then idle ADS streams cost the
 * server in heap. Reads the server's heap right after a full GC with its config published and no
 * client; opens N clients, each on its own connection (by default), in batches of {@code --batch},
 * each batch synced before the next; waits {@code --idle-seconds}; checks the connections are
 * still established and reads the heap after a full GC again. The difference over N is the heap
 * per stream (connection included).
 */
final class IdleRun {

  /** What one idle run measured; heap in bytes, RSS in kB. */
  record Result(
      String workload, String server, String mode, int streams, long synced, int connections,
      double connectMillis, long heapBefore, long heapAfter, long rssBeforeKb, long rssAfterKb,
      long serverThreads, long errors, String notes) {

    /** The heap the streams added, over the streams that synced. */
    double heapPerStreamBytes() {
      return (double) (heapAfter - heapBefore) / Math.max(1, synced);
    }
  }

  private IdleRun() {}

  static Result run(String workload, String server, String mode, int n, Map<String, String> opts,
      Consumer<String> progress) throws IOException, InterruptedException {
    Duration timeout = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("timeout-seconds", "180")));
    int batch = Integer.parseInt(opts.getOrDefault("batch", "1000"));
    long idleSeconds = Long.parseLong(opts.getOrDefault("idle-seconds", "5"));
    int connections = Integer.parseInt(opts.getOrDefault("connections", "0"));
    int threads = Integer.parseInt(opts.getOrDefault("client-threads", "2"));
    String tag = "idle-" + workload + "-" + server + "-" + mode + "-" + n;

    try (ServerHandle s = ServerHandle.start(server, workload, tag, opts, timeout);
        ClientChannels channels = new ClientChannels(s.port(), connections, threads)) {
      long heapBefore = s.heapAfterGc();
      long rssBefore = ProcFs.rssKb(s.pid());
      ClientRun run = new ClientRun(n);
      List<AdsClient> clients = new ArrayList<>();
      try {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          AdsClient c = AdsClient.create(mode, run, i);
          clients.add(c);
          c.start(channels.channel(i));
          if ((i + 1) % batch == 0 || i + 1 == n) {
            if (!awaitSynced(run, n - (i + 1), timeout)) {
              progress.accept(String.format("%s: only %d of %d opened streams synced within %s; stopping there",
                  tag, n - run.synced.getCount(), i + 1, timeout));
              break;
            }
            Runtime rt = Runtime.getRuntime();
            progress.accept(String.format("%s: %d streams synced, harness heap %d MiB",
                tag, i + 1, (rt.totalMemory() - rt.freeMemory()) >> 20));
          }
        }
        double connectMillis = (System.nanoTime() - start) / 1e6;
        Thread.sleep(idleSeconds * 1000);
        int established = ProcFs.establishedTo(s.port());
        long heapAfter = s.heapAfterGc();
        long rssAfter = ProcFs.rssKb(s.pid());
        long serverThreads = ProcFs.threads(s.pid());
        String notes = (connections > 0 ? "multiplexed on " + connections + " connections; " : "")
            + (run.errors.get() > 0 ? "stream errors: " + run.errorSummary() + "; " : "")
            + run.syncSpread();
        return new Result(workload, server, mode, n, n - run.synced.getCount(), established, connectMillis,
            heapBefore, heapAfter, rssBefore, rssAfter, serverThreads, run.errors.get(), notes);
      } finally {
        clients.forEach(AdsClient::stop);
      }
    }
  }

  /** Waits until at most {@code remaining} clients are not synced yet. */
  private static boolean awaitSynced(ClientRun run, long remaining, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (run.synced.getCount() > remaining) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
