package dev.faultlock.findings;

import java.util.Locale;

/**
 * How sure a finding is (SPEC, "every finding says how sure it is"): {@link #HIGH} when every
 * lock and call on its witness is known from the objects the program creates, {@link #LOW} when
 * it relies on class-hierarchy dispatch or on objects from outside the program. Declared from
 * least to most sure, so {@link #compareTo} orders them.
 */
public enum Confidence {
  LOW,
  HIGH;

  /** The less sure of the two: a witness is as sure as its least sure step. */
  public Confidence min(Confidence other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /** Whether a finding of this confidence is at least {@code threshold}. */
  public boolean atLeast(Confidence threshold) {
    return compareTo(threshold) >= 0;
  }

  /** The name users write and read: {@code high}, {@code low}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The confidence named {@code id} ({@code high} or {@code low}, any case), or {@code null}. */
  public static Confidence parse(String id) {
    if (id == null) return null;
    for (Confidence c : values()) if (c.id().equalsIgnoreCase(id.trim())) return c;
    return null;
  }
}
