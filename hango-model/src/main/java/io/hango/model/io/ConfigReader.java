package io.hango.model.io;

import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.io.internal.DocumentBinder;
import io.hango.model.io.internal.DocumentParser;
import io.hango.model.io.internal.ParsedDocument;
import io.hango.model.validation.Problem;
import io.hango.model.validation.Severity;
import io.hango.model.validation.SourceLocation;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads Hango config documents from files, directories and strings, keeping the source position of
 * every node.
 *
 * <ul>
 *   <li>A file is YAML (any number of documents separated by {@code ---}) unless its name ends in
 *       {@code .json}; in JSON, a file holds one document or an array of documents.
 *   <li>A directory contributes its {@code .yaml}, {@code .yml} and {@code .json} files in name
 *       order, hidden files excluded; subdirectories only when reading {@link #recursive()}ly (like
 *       {@code kubectl apply -f DIR} and {@code -R}), so that e.g. {@code examples/invalid/} can sit
 *       inside {@code examples/}.
 * </ul>
 *
 * <p>Reading never throws for bad input: every problem is in the returned {@link ConfigLoad}.
 *
 * <pre>{@code
 * ConfigLoad load = ConfigReader.read(Path.of("gateway/"));
 * if (load.hasReadErrors()) { load.readErrors().forEach(System.err::println); }
 * Validation v = load.validate();
 * }</pre>
 */
public final class ConfigReader {

  private static final ConfigReader FLAT = new ConfigReader(false);
  private static final ConfigReader RECURSIVE = new ConfigReader(true);

  private final boolean recursive;
  /** Per file, what its last text read to; null: no cache (the shared readers). */
  private final Map<String, FileRead> cache;

  private ConfigReader(boolean recursive) {
    this(recursive, null);
  }

  private ConfigReader(boolean recursive, Map<String, FileRead> cache) {
    this.recursive = recursive;
    this.cache = cache;
  }

  /**
   * A reader like this one that remembers, per file, what its text read to, and parses again only
   * the files whose text changed: for a config read over and over as it is edited (the control
   * plane's file source), where one edited file out of many must not cost a parse of them all. The
   * documents of an unchanged file are the same (immutable) objects as before. Thread-safe; holds
   * the last read of every file it was asked for (forgets files no longer asked for).
   */
  public ConfigReader withFileCache() {
    return new ConfigReader(recursive, new java.util.HashMap<>());
  }

  /** A reader that takes the config files directly inside each directory given. */
  public static ConfigReader flat() {
    return FLAT;
  }

  /** A reader that also descends into subdirectories. */
  public static ConfigReader recursive() {
    return RECURSIVE;
  }

  /** Reads {@code paths} (files or directories) with the {@link #flat()} reader. */
  public static ConfigLoad read(Path... paths) {
    return FLAT.readAll(List.of(paths));
  }

  /**
   * Reads one text, as if from a file named {@code fileName} (whose extension chooses JSON or YAML,
   * and which is used in positions).
   */
  public static ConfigLoad readString(String fileName, String text) {
    Accumulator acc = new Accumulator(null);
    acc.addText(fileName, text);
    return acc.finish();
  }

  /**
   * Reads several texts as one config, each as if from a file of the given name (as in {@link
   * #readString}), in the map's iteration order: for documents that do not come from files, such
   * as custom resources read from a Kubernetes API server.
   */
  public static ConfigLoad readStrings(Map<String, String> textsByName) {
    Accumulator acc = new Accumulator(null);
    textsByName.forEach(acc::addText);
    return acc.finish();
  }

  /** Reads {@code paths}, files or directories, in the order given. */
  public ConfigLoad readAll(List<Path> paths) {
    if (cache != null) {
      synchronized (cache) {
        Accumulator acc = new Accumulator(cache);
        readInto(acc, paths);
        cache.keySet().retainAll(acc.files);
        return acc.finish();
      }
    }
    Accumulator acc = new Accumulator(null);
    readInto(acc, paths);
    return acc.finish();
  }

  private void readInto(Accumulator acc, List<Path> paths) {
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        for (Path f : configFiles(p, acc)) {
          acc.addFile(f);
        }
      } else {
        acc.addFile(p);
      }
    }
  }

  private List<Path> configFiles(Path dir, Accumulator acc) {
    try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !hidden(dir.relativize(f)))
          .filter(ConfigReader::isConfigFile)
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException | java.io.UncheckedIOException e) {
      acc.readError(dir.toString(), "cannot list directory: " + e.getMessage());
      return List.of();
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConfigFile(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  /** What one file's text read to. */
  private record FileRead(
      String text, List<Problem> syntaxErrors, List<Problem> problems, List<Resource> resources,
      List<DocumentPositions> positions, List<String> unbound) {}

  /** Collects documents and problems across files, in reading order. */
  private static final class Accumulator {
    private final Map<String, FileRead> cache;
    private final List<String> files = new ArrayList<>();
    private final List<Problem> readErrors = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Resource> resources = new ArrayList<>();
    private final Map<Resource, DocumentPositions> positions = new IdentityHashMap<>();
    private final Set<String> unbound = new LinkedHashSet<>();

    Accumulator(Map<String, FileRead> cache) {
      this.cache = cache;
    }

    void addFile(Path f) {
      String name = f.toString();
      String text;
      try {
        text = Files.readString(f);
      } catch (NoSuchFileException e) {
        readError(name, "no such file or directory");
        return;
      } catch (MalformedInputException e) {
        readError(name, "cannot read: not UTF-8 text");
        return;
      } catch (IOException e) {
        readError(name, "cannot read: " + e.getMessage());
        return;
      }
      addText(name, text);
    }

    void addText(String name, String text) {
      files.add(name);
      FileRead read = cache == null ? null : cache.get(name);
      if (read == null || !read.text().equals(text)) {
        read = parse(name, text);
        if (cache != null) {
          cache.put(name, read);
        }
      }
      readErrors.addAll(read.syntaxErrors());
      problems.addAll(read.problems());
      for (int i = 0; i < read.resources().size(); i++) {
        resources.add(read.resources().get(i));
        positions.put(read.resources().get(i), read.positions().get(i));
      }
      unbound.addAll(read.unbound());
    }

    private static FileRead parse(String name, String text) {
      boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
      DocumentParser.Result parsed =
          DocumentParser.parse(name, text, json ? DocumentParser.Format.JSON : DocumentParser.Format.YAML);
      List<Problem> problems = new ArrayList<>();
      List<Resource> resources = new ArrayList<>();
      List<DocumentPositions> positions = new ArrayList<>();
      List<String> unbound = new ArrayList<>();
      for (ParsedDocument doc : parsed.documents()) {
        DocumentBinder.Bound b = DocumentBinder.bind(doc);
        problems.addAll(b.problems());
        if (b.resource().isPresent()) {
          resources.add(b.resource().get());
          positions.add(doc.positions());
        } else if (!b.ref().isEmpty()) {
          unbound.add(b.ref());
        }
      }
      return new FileRead(text, List.copyOf(parsed.syntaxErrors()), List.copyOf(problems), List.copyOf(resources),
          List.copyOf(positions), List.copyOf(unbound));
    }

    void readError(String file, String message) {
      readErrors.add(new Problem(Severity.ERROR, Optional.of(new SourceLocation(file, 1, 1)), "", "", message));
    }

    ConfigLoad finish() {
      GatewayConfig config = GatewayConfig.builder()
          .addAllResources(resources)
          .sourceMap(SourceMap.of(positions))
          .build();
      return new ConfigLoad(config, files, readErrors, problems, unbound);
    }
  }
}
