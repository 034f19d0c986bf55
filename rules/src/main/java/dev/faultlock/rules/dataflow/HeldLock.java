package dev.faultlock.rules.dataflow;

import dev.faultlock.rules.locks.LockRef;

/**
 * A lock held at a program point.
 *
 * @param lock the lock
 * @param waited true when it was taken by a blocking acquisition (a monitor, {@code lock()},
 *     {@code @Acquires}, a precondition), false when by a try-acquisition that never waits
 */
public record HeldLock(LockRef lock, boolean waited) {}
