package dev.faultlock.locks;

import dev.faultlock.findings.TraceStep;
import java.util.ArrayList;
import java.util.List;

/**
 * A witness chain (call, call, ..., acquisition) as a shared linked list: the summary of a caller
 * extends its callee's chain with one step instead of copying it, so summaries stay linear in
 * size however deep the call chains are.
 */
public record Witness(TraceStep step, Witness next, int length) {
  public static Witness of(TraceStep step) {
    return new Witness(step, null, 1);
  }

  /** {@code step} followed by {@code rest} (which may be {@code null}). */
  public static Witness cons(TraceStep step, Witness rest) {
    return new Witness(step, rest, rest == null ? 1 : rest.length + 1);
  }

  public static int length(Witness w) {
    return w == null ? 0 : w.length;
  }

  /** The steps of {@code w}, in order; empty for {@code null}. */
  public static List<TraceStep> steps(Witness w) {
    List<TraceStep> out = new ArrayList<>(length(w));
    for (Witness c = w; c != null; c = c.next) out.add(c.step);
    return out;
  }
}
