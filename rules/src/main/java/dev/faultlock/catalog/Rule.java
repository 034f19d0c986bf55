package dev.faultlock.catalog;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one catalog of faultlock rules. Every pass (the Error Prone checkers, the whole-program
 * analyzer, the Maven plugin and every report format) takes ids, summaries, severities and doc
 * links from here, so a finding reads the same wherever it shows.
 */
public enum Rule {
  FAULT_UNDER_LOCK(
      "FaultUnderLock",
      Severity.ERROR,
      "A copy that may fault runs while a lock is held, and the fault handler can take another lock"
          + " of the same class: two threads on two files deadlock ABBA."),
  LOCK_ORDER_INVERSION(
      "LockOrderInversion",
      Severity.ERROR,
      "Locks are taken in both orders on different code paths: possible circular locking"
          + " dependency."),
  UNSORTED_SAME_CLASS_LOCKS(
      "UnsortedSameClassLocks",
      Severity.WARNING,
      "Two locks of one lock class are taken one after the other without a global order: two"
          + " threads taking them in opposite order deadlock."),
  DECLARED_ORDER_VIOLATION(
      "DeclaredOrderViolation",
      Severity.ERROR,
      "A lock is acquired while a lock of a class declared later in @LockOrder is held."),
  ANNOTATION_MISUSE(
      "AnnotationMisuse",
      Severity.ERROR,
      "A faultlock annotation cannot mean what it says: it names no parameter or field, or lacks"
          + " a lock class.");

  /** {@code @SuppressWarnings} value that silences every faultlock rule. */
  public static final String SUPPRESS_ALL = "faultlock";

  /** Where the rule pages live, relative to the repository root. */
  public static final String DOCS_DIR = "docs/rules/";

  private final String id;
  private final Severity severity;
  private final String summary;

  Rule(String id, Severity severity, String summary) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
  }

  /** The rule id, as written in {@code [RuleId]}, in SARIF and in {@code @SuppressWarnings}. */
  public String id() {
    return id;
  }

  /** The rule's default severity. */
  public Severity severity() {
    return severity;
  }

  /** One sentence: what the rule finds and why it matters. */
  public String summary() {
    return summary;
  }

  /** The rule's documentation page, relative to the repository root. */
  public String docPath() {
    return DOCS_DIR + id + ".md";
  }

  /** True when {@code @SuppressWarnings(value)} silences this rule. */
  public boolean isSuppressedBy(String suppressWarningsValue) {
    return id.equals(suppressWarningsValue) || SUPPRESS_ALL.equals(suppressWarningsValue);
  }

  /** The rule with this id, if any. */
  public static Optional<Rule> byId(String id) {
    return Stream.of(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
