package dev.faultlock.rules.locks;

/**
 * What one call does to the locks its caller holds.
 *
 * @param kind what happens
 * @param lock the lock concerned; {@code null} for {@link Kind#SORTED}
 * @param sortedClass the lock class of a {@code @SortedAcquire} call, else {@code null}
 */
public record LockEffect(Kind kind, LockRef lock, String sortedClass) {

  /** The ways a call changes the held locks. */
  public enum Kind {
    /** Blocks until it holds the lock, and returns holding it. */
    ACQUIRE,
    /** Returns holding the lock without having waited for it (a stamp, or no success flag). */
    TRY_ACQUIRE,
    /** Returns {@code true} holding the lock, {@code false} not holding it; never waits. */
    TRY_ACQUIRE_IF_TRUE,
    /** Returns no longer holding the lock. */
    RELEASE,
    /** Blocks for the lock during the call only: a call to a {@code synchronized} method. */
    MONITOR_CALL,
    /** Acquires a set of locks of {@code sortedClass} in one global order. */
    SORTED
  }

  /** True when the call may wait for {@link #lock}: the kinds that make wait edges. */
  public boolean waits() {
    return kind == Kind.ACQUIRE || kind == Kind.MONITOR_CALL;
  }
}
