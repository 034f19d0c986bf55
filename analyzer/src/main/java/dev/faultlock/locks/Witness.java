package dev.faultlock.locks;

import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.TraceStep;
import java.util.ArrayList;
import java.util.List;

/**
 * A witness chain (call, call, ..., acquisition) as a shared linked list: the summary of a caller
 * extends its callee's chain with one step instead of copying it, so summaries stay linear in
 * size however deep the call chains are.
 *
 * @param sure every step is {@link Confidence#HIGH}: kept with the chain so that a summary
 *     choosing between two witnesses of one lock need not walk them
 */
public record Witness(TraceStep step, Witness next, int length, boolean sure) {
  public static Witness of(TraceStep step) {
    return new Witness(step, null, 1, step.confidence() == Confidence.HIGH);
  }

  /** {@code step} followed by {@code rest} (which may be {@code null}). */
  public static Witness cons(TraceStep step, Witness rest) {
    return rest == null ? of(step)
        : new Witness(step, rest, rest.length + 1,
            rest.sure && step.confidence() == Confidence.HIGH);
  }

  public static int length(Witness w) {
    return w == null ? 0 : w.length;
  }

  /** Whether every step of {@code w} is sure; an empty chain is. */
  public static boolean sure(Witness w) {
    return w == null || w.sure;
  }

  /**
   * Whether {@code w} is a better witness than {@code known}: sure where that one is not (a
   * shorter chain through a guessed call would make its finding unsure), else shorter.
   */
  public static boolean better(Witness w, Witness known) {
    return rank(w) < rank(known);
  }

  /** Where {@code w} stands in the order of {@link #better}: lower is better. */
  public static long rank(Witness w) {
    return rank(sure(w), length(w));
  }

  /** The {@link #rank} of {@code cons(step, rest)}, without building it. */
  public static long rank(TraceStep step, Witness rest) {
    return rank(step.confidence() == Confidence.HIGH && sure(rest), length(rest) + 1);
  }

  private static long rank(boolean sure, int length) {
    return (sure ? 0 : 1L << 32) | length;
  }

  /** The steps of {@code w}, in order; empty for {@code null}. */
  public static List<TraceStep> steps(Witness w) {
    List<TraceStep> out = new ArrayList<>(length(w));
    for (Witness c = w; c != null; c = c.next) out.add(c.step);
    return out;
  }
}
