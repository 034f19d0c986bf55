package dev.faultlock.locks;

/**
 * A lock held at some point of a method, with how it came to be held (an acquisition here, an
 * {@code @Acquires} call, a {@code @Holding} precondition) as the first steps of any trace.
 */
public record Held(LockRef lock, Witness how) {
  /** Whether this stands for the set a {@code @SortedAcquire} took, not for one lock. */
  public boolean isSortedSet() {
    return lock.identity().startsWith(LockState.SORTED);
  }
}
