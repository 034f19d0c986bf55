package dev.faultlock.cli;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ParseStart;
import com.github.javaparser.Providers;
import com.github.javaparser.ast.PackageDeclaration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the source root a {@code PATH} lies in, the way javac's {@code -sourcepath} would: the
 * directory where the package of its Java files starts. {@code check} reads the whole root, so that
 * naming one package ({@code faultlock check src/main/java/com/acme/fs}) still sees the lock and
 * fault annotations of the types it uses from other packages, and then reports only what lies under
 * the {@code PATH}s named.
 */
final class SourceRoots {
  private SourceRoots() {}

  /**
   * The source root of {@code path}, spelt relative like {@code path} when it is relative; {@code
   * path} itself when the directories do not spell its package (or it is the root).
   */
  static Path rootOf(Path path, Charset encoding) {
    Path absolutePath = path.toAbsolutePath().normalize();
    return sampleFile(path)
        .flatMap(file -> packageOf(file, encoding).flatMap(pkg -> packageRoot(file, pkg)))
        .filter(root -> absolutePath.startsWith(root) && !absolutePath.equals(root))
        .map(root -> spelledLike(path, absolutePath, root))
        .orElse(path);
  }

  /** Whether {@code file}, as a location names it, lies under one of {@code paths}. */
  static boolean isUnder(String file, List<Path> paths) {
    Path absolute = Path.of(file).toAbsolutePath().normalize();
    return paths.stream().anyMatch(p -> absolute.startsWith(p.toAbsolutePath().normalize()));
  }

  // The shallowest .java file (then the first by name) stands for the PATH: its package says
  // how deep the PATH lies below the root.
  private static Optional<Path> sampleFile(Path path) {
    if (!Files.isDirectory(path)) {
      return Optional.of(path);
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files
          .filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
          .min(
              Comparator.comparingInt(Path::getNameCount).thenComparing(Comparator.naturalOrder()));
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** Semicolons tried as the end of the package declaration before giving up: see packageOf. */
  private static final int MAX_SEMICOLONS = 64;

  /**
   * The file's package, parsed from the text up to the declaration's semicolon, not from the
   * whole file: a generated file of 100,000 lines took 20 s to parse here, before the analysis
   * parsed it again. Each semicolon is tried in turn, as one in a comment ends no declaration.
   */
  private static Optional<String> packageOf(Path file, Charset encoding) {
    String text;
    try {
      // Leniently: a byte that does not decode is the analysis's problem to report, with its line.
      text = new String(Files.readAllBytes(file), encoding);
    } catch (IOException | UncheckedIOException e) {
      // The analysis reports unreadable files; here it only means "no root found".
      return Optional.empty();
    }
    JavaParser parser =
        new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_25));
    int end = -1;
    for (int tried = 0; tried < MAX_SEMICOLONS; tried++) {
      end = text.indexOf(';', end + 1);
      if (end < 0) {
        break;
      }
      Optional<PackageDeclaration> pkg =
          parser
              .parse(ParseStart.PACKAGE_DECLARATION, Providers.provider(text.substring(0, end + 1)))
              .getResult();
      if (pkg.isPresent()) {
        return pkg.map(PackageDeclaration::getNameAsString);
      }
    }
    return Optional.empty();
  }

  /**
   * Walks up from {@code file}'s directory over the package's names, last first; the root is where
   * they end. Empty when the directories do not spell the package.
   */
  private static Optional<Path> packageRoot(Path file, String pkg) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    String[] names = pkg.split("\\.");
    for (int i = names.length - 1; i >= 0; i--) {
      if (dir == null
          || dir.getFileName() == null
          || !dir.getFileName().toString().equals(names[i])) {
        return Optional.empty();
      }
      dir = dir.getParent();
    }
    return Optional.ofNullable(dir);
  }

  // Reports name files the way the user named the PATH: "samples/src/main/java", not "/home/...".
  private static Path spelledLike(Path path, Path absolutePath, Path root) {
    if (path.isAbsolute()) {
      return root;
    }
    Path relative = path.normalize();
    int up = absolutePath.getNameCount() - root.getNameCount();
    if (relative.getNameCount() > up) {
      return relative.subpath(0, relative.getNameCount() - up);
    }
    Path fromHere = Path.of("").toAbsolutePath().relativize(root);
    return fromHere.toString().isEmpty() ? Path.of(".") : fromHere;
  }
}
