package dev.faultlock.bench;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where parse time goes: parses every {@code .java} file under a directory on one thread with
 * JavaParser configured as the analyzer does ({@code JAVA_25}, no tokens, no comments) and with
 * the post-parse validators off ({@code RAW}), twice each (the first round warms the JIT), and
 * prints the thread CPU time of the second round.
 *
 * <p>Usage: {@code ParserProbe DIR}
 */
public final class ParserProbe {
  private ParserProbe() {}

  public static void main(String[] args) throws IOException {
    List<String> sources;
    try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
      List<Path> paths = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      sources = paths.stream().map(ParserProbe::read).toList();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // RAW is null in JavaParser: no validators, no post-processing.
    for (LanguageLevel level : java.util.Arrays.asList(LanguageLevel.JAVA_25, LanguageLevel.RAW, LanguageLevel.JAVA_25, LanguageLevel.RAW)) {
      JavaParser parser =
          new JavaParser(
              new ParserConfiguration()
                  .setLanguageLevel(level)
                  .setAttributeComments(false)
                  .setLexicalPreservationEnabled(false)
                  .setStoreTokens(false));
      long cpu0 = threads.getCurrentThreadCpuTime();
      int ok = 0;
      for (String s : sources) if (parser.parse(s).isSuccessful()) ok++;
      System.out.printf(
          Locale.ROOT, "level=%s files=%d parsed=%d cpu_ms=%d%n",
          level, sources.size(), ok, (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
