package dev.faultlock.samples.clusterfs;

/** The two DLM modes the model needs: shared (protected read) and exclusive. */
public enum LockMode {
  SHARED,
  EXCLUSIVE;

  /** Whether a holder in this mode blocks a request in {@code requested} by another thread. */
  public boolean conflictsWith(LockMode requested) {
    return this == EXCLUSIVE || requested == EXCLUSIVE;
  }

  /** The stronger of two modes: what a thread needs to cover both uses. */
  public static LockMode strongest(LockMode a, LockMode b) {
    return a == EXCLUSIVE || b == EXCLUSIVE ? EXCLUSIVE : SHARED;
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
