package dev.faultlock.cache;

import dev.faultlock.analyzer.Analyzer;
import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.source.Declarations;
import dev.faultlock.source.JavaSources;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an analysis result depends on, as one SHA-256: the bytes of every source (with the name
 * reports show for it), each classpath entry (its files' names, sizes and modification times:
 * jars are not re-read), and the analyzer's own code, so a rebuilt analyzer never reads results
 * of the old one, the charset the sources are read in and the methods named as faulting copies.
 * The number of jobs is left out: results do not depend on it; nor do the rule levels, which
 * apply to the result afterwards.
 */
final class InputKey {
  /** Bumped when the stored form of a result changes. */
  static final int FORMAT = 6;

  private InputKey() {}

  static String of(AnalyzerOptions options) throws IOException {
    MessageDigest digest = sha256();
    add(digest, environment(options));
    for (Path source : JavaSources.collect(options, new ArrayList<>())) {
      add(digest, "source " + JavaSources.show(source));
      try (InputStream in = Files.newInputStream(source)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
      }
    }
    // A missing source or classpath entry is a problem of the result: part of the key too.
    for (Path source : options.sources()) add(digest, "named " + source + " " + Files.exists(source));
    add(digest, "summarize " + options.summarize());
    add(digest, "points-to " + options.pointsTo());
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * What every stored result and fact depends on besides the sources: the cache formats, the
   * analyzer's code, the JDK whose library types it reads, and the classpath.
   */
  static String environment(AnalyzerOptions options) throws IOException {
    MessageDigest digest = sha256();
    add(digest, "faultlock-cache " + FORMAT + " declarations " + Declarations.FORMAT);
    add(digest, "analyzer");
    stamp(digest, analyzerCode());
    add(digest, "jdk " + System.getProperty("java.version") + " " + System.getProperty("java.vendor"));
    // The same bytes read in another charset are another program (or a problem instead of one).
    add(digest, "encoding " + options.encoding().name());
    // A named fault method makes calls to it copies: other facts.
    add(digest, "fault-methods " + options.faultMethods());
    for (Path entry : options.classpath()) {
      add(digest, "classpath " + entry);
      stamp(digest, entry);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Names, sizes and modification times of a file or of every file under a directory. */
  private static void stamp(MessageDigest digest, Path path) throws IOException {
    if (path == null || !Files.exists(path)) {
      add(digest, "missing");
      return;
    }
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    } else {
      files.add(path);
    }
    for (Path f : files) {
      add(digest, f + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis());
    }
  }

  /** The jar or class directory the analysis is loaded from. */
  private static Path analyzerCode() {
    CodeSource code = Analyzer.class.getProtectionDomain().getCodeSource();
    try {
      return code == null ? null : Path.of(code.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static void add(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
