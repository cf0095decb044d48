package io.hango.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hango.cli.HangoCli;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One measurement of {@link ScaleHarness}, in a fresh JVM (cold, as a user runs the command):
 * {@code parse DIR} reads the YAML files of {@code DIR} into Jackson trees and nothing more (the floor);
 * {@code translate DIR} runs {@code hango translate DIR} in this JVM, its output discarded; {@code
 * live DIR} reads, validates and translates and keeps the config (with its source positions) and
 * the translation, to weigh them on the heap after a GC. Prints
 * {@code RESULT <millis> <peak RSS KiB> <heap after GC bytes>}: the time of the work itself, the
 * process's peak resident set, and the heap still live after it (the config and the output held).
 */
public final class ScaleProbe {

  private ScaleProbe() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    long start = System.nanoTime();
    Object kept;
    if (args[0].equals("parse")) {
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      List<JsonNode> all = new java.util.ArrayList<>();
      for (String file : List.of("config.yaml", "changed.yaml")) {
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(dir.resolve(file).toFile())) {
          all.addAll(docs.readAll());
        }
      }
      kept = all;
    } else if (args[0].equals("live")) {
      io.hango.model.io.ConfigLoad load = io.hango.model.io.ConfigReader.read(dir);
      io.hango.model.GatewayConfig config = load.config();
      config.validate();
      kept = List.of(load, io.hango.translate.Translator.defaults().translate(config,
          io.hango.translate.Endpoints.fromStaticConfig(config)));
    } else {
      PrintWriter none = new PrintWriter(Writer.nullWriter());
      PrintWriter err = new PrintWriter(System.err, true);
      int code = HangoCli.execute(none, err, "translate", dir.toString());
      if (code != 0) {
        System.out.println("FAILED hango translate exited " + code);
        return;
      }
      kept = null;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    long rss = peakRssKb();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.println("RESULT " + millis + " " + rss + " " + heap);
    if (kept != null && kept.hashCode() == 42) {
      System.out.println(); // keeps what is weighed reachable until after the GC above
    }
    System.out.flush();
  }

  private static long peakRssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
