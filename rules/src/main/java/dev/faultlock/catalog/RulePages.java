package dev.faultlock.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The rule pages (Markdown), shipped in this jar from the repository's {@code docs/rules} at build
 * time, so every pass and report can show them wherever faultlock is installed: the SARIF rules
 * carry them, the HTML report renders them, {@code faultlock explain} prints them, and javac's
 * {@code (see ...)} line names them.
 */
public final class RulePages {
  /** Where the pages are in the jar, relative to the class path root. */
  public static final String RESOURCE_DIR = "dev/faultlock/catalog/rules/";

  private RulePages() {}

  /** The page's file name in the jar and in {@code docs/rules}: {@code FaultUnderLock.md}. */
  public static String fileName(Rule rule) {
    return rule.id() + ".md";
  }

  /**
   * What javac prints after a finding, inside Error Prone's {@code (see ...)}: the page and where
   * a user has it. {@code @BugPattern(link = ...)} must be a constant, so each checker repeats
   * this text; {@code CatalogConsistencyTest} keeps them equal.
   */
  public static String seeAlso(Rule rule) {
    return fileName(rule) + " in the faultlock-rules jar, or run: faultlock explain " + rule.id();
  }

  /** The page's Markdown text. */
  public static String markdown(Rule rule) {
    String resource = RESOURCE_DIR + fileName(rule);
    try (InputStream in = RulePages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
