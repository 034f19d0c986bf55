package dev.faultlock.ir;

import dev.faultlock.locks.LockRef;

/**
 * What a call does to the caller's lock state once it returns, as the lowering resolved it: a JDK
 * lock API call ({@code lock.lock()}), or the callee's lock annotations ({@code @Acquires},
 * {@code @Releases}, {@code @SortedAcquire}) re-expressed at the call.
 */
public sealed interface LockOp {
  /**
   * Takes {@code lock}. {@code blocking} is false for {@code tryLock} and friends, whose result
   * says whether it was taken ({@link Invoke#result()}: held on the branch where it is true).
   */
  record Acquire(LockRef lock, boolean blocking, String what) implements LockOp {}

  /** Gives {@code lock} back. */
  record Release(LockRef lock) implements LockOp {}

  /** Takes every lock of {@code lockClass} in one global order ({@code @SortedAcquire}). */
  record SortedAcquire(String lockClass, String what) implements LockOp {}
}
