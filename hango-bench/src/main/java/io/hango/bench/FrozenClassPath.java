package io.hango.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path of the server processes that the load harnesses start: this JVM's, with the Hango
 * snapshot jars copied once to {@code target/bench-classpath}, so that a {@code mvn install} of
 * another module during a long run does not change the server under test between runs.
 */
public final class FrozenClassPath {

  private static String frozen;

  private FrozenClassPath() {}

  /** The frozen class path, copying the Hango jars on the first call. */
  public static synchronized String get() throws IOException {
    if (frozen == null) {
      Path dir = Path.of("target", "bench-classpath");
      Files.createDirectories(dir);
      List<String> entries = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path p = Path.of(entry);
        if (entry.contains("/io/hango/") && Files.isRegularFile(p)) {
          Path copy = dir.resolve(p.getFileName());
          Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
          entries.add(copy.toAbsolutePath().toString());
        } else {
          entries.add(entry);
        }
      }
      frozen = String.join(File.pathSeparator, entries);
    }
    return frozen;
  }
}
