package io.hango.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conventions the build enforces on every module (read from the checkout): a module never imports
 * another module's {@code .internal} packages, every {@code .internal} package says in its
 * {@code package-info.java} that it is not API, and {@code hango-bom} lists every published module.
 */
class ModuleBoundariesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.hango\\.[\\w.]*?\\.internal(?:\\.[a-z]\\w*)*)\\.[A-Z]", Pattern.MULTILINE);

  /** Main source roots, by module directory. */
  private static Map<Path, Path> sourceRoots() {
    Map<Path, Path> roots = new HashMap<>();
    try (Stream<Path> s = Files.walk(ROOT, 6)) {
      s.filter(p -> p.endsWith(Path.of("src", "main", "java")))
          .filter(p -> !p.toString().contains("/target/"))
          .forEach(p -> roots.put(p.getParent().getParent().getParent(), p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return roots;
  }

  /** The module that owns each package directory (as a dotted package name). */
  private static Map<String, Path> packageOwners(Map<Path, Path> roots) {
    Map<String, Path> owners = new HashMap<>();
    roots.forEach((module, src) -> {
      try (Stream<Path> s = Files.walk(src)) {
        s.filter(Files::isDirectory).forEach(d -> owners.put(src.relativize(d).toString().replace('/', '.'), module));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return owners;
  }

  @Test
  void noModuleImportsAnotherModulesInternals() throws IOException {
    Map<Path, Path> roots = sourceRoots();
    assertThat(roots).hasSizeGreaterThan(10);
    Map<String, Path> owners = packageOwners(roots);
    List<String> violations = new ArrayList<>();
    for (Map.Entry<Path, Path> e : roots.entrySet()) {
      try (Stream<Path> files = Files.walk(e.getValue())) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher m = IMPORT.matcher(Files.readString(f));
          while (m.find()) {
            Path owner = owners.get(m.group(1));
            if (owner != null && !owner.equals(e.getKey())) {
              violations.add(ROOT.relativize(f) + " imports " + m.group(1) + " of " + ROOT.relativize(owner));
            }
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyInternalPackageSaysItIsNotApi() throws IOException {
    List<String> missing = new ArrayList<>();
    int internalPackages = 0;
    for (Path src : sourceRoots().values()) {
      try (Stream<Path> dirs = Files.walk(src)) {
        for (Path d : dirs.filter(Files::isDirectory).filter(d -> d.toString().contains("/internal")).toList()) {
          internalPackages++;
          Path info = d.resolve("package-info.java");
          if (!Files.exists(info) || !Files.readString(info).toLowerCase(java.util.Locale.ROOT).contains("not api")) {
            missing.add(ROOT.relativize(d).toString());
          }
        }
      }
    }
    assertThat(internalPackages).isGreaterThan(10);
    assertThat(missing).isEmpty();
  }

  @Test
  void theBomListsEveryPublishedModule() throws IOException {
    Pattern artifact = Pattern.compile("<artifactId>(hango-[\\w-]+)</artifactId>");
    List<String> published = new ArrayList<>();
    for (Path module : sourceRoots().keySet()) {
      String pom = Files.readString(module.resolve("pom.xml"));
      // Modules that are never deployed (benchmarks, test servers) stay out of the BOM.
      if (pom.contains("<maven.deploy.skip>true</maven.deploy.skip>") || pom.matches("(?s).*maven-deploy-plugin</artifactId>\\s*<configuration>\\s*<skip>true</skip>.*")) {
        continue;
      }
      Matcher m = artifact.matcher(pom.substring(pom.indexOf("</parent>")));
      assertThat(m.find()).as(module.toString()).isTrue();
      published.add(m.group(1));
    }
    String bom = Files.readString(ROOT.resolve("hango-bom").resolve("pom.xml"));
    List<String> listed = new ArrayList<>();
    Matcher m = artifact.matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertThat(published).hasSizeGreaterThan(8);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
  }
}
