package dev.faultlock.dataflow;

/**
 * The fixpoint of a {@link DataflowAnalysis}: the facts before and after each statement, and
 * whether any path from the entry reaches it (an unreached statement has neither fact).
 */
public final class DataflowResult<F> {
  private final Object[] in;
  private final Object[] out;

  DataflowResult(Object[] in, Object[] out) {
    this.in = in;
    this.out = out;
  }

  public boolean isReached(int i) {
    return in[i] != null;
  }

  /** The fact before statement {@code i}, or {@code null} when no path reaches it. */
  @SuppressWarnings("unchecked")
  public F inFact(int i) {
    return (F) in[i];
  }

  /** The fact after statement {@code i}, or {@code null} when no path reaches it. */
  @SuppressWarnings("unchecked")
  public F outFact(int i) {
    return (F) out[i];
  }
}
