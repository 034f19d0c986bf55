package dev.faultlock.catalog;

import java.util.Set;

/**
 * The lock vocabulary both passes recognise: our annotations, the lock annotations of Error
 * Prone and the Checker Framework that users already write, and the JDK's lock APIs. Names are
 * fully qualified so that each pass can match them against its own symbols.
 */
public final class LockApi {
  private LockApi() {}

  private static final String OURS = "dev.faultlock.annotations.";

  public static final String LOCK_CLASS = OURS + "LockClass";
  public static final String ACQUIRES = OURS + "Acquires";
  public static final String TRY_ACQUIRES = OURS + "TryAcquires";
  public static final String RELEASES = OURS + "Releases";
  public static final String HOLDING = OURS + "Holding";
  public static final String MAY_FAULT = OURS + "MayFault";
  public static final String USER_BUFFER = OURS + "UserBuffer";
  public static final String FAULT_HANDLER = OURS + "FaultHandler";
  public static final String SORTED_ACQUIRE = OURS + "SortedAcquire";
  public static final String FAULTS_DISABLED = OURS + "FaultsDisabled";
  public static final String LOCK_ORDER = OURS + "LockOrder";

  /** Error Prone's {@code @LockMethod}: like {@code @Acquires}. */
  public static final String EP_LOCK_METHOD =
      "com.google.errorprone.annotations.concurrent.LockMethod";
  /** Error Prone's {@code @UnlockMethod}: like {@code @Releases}. */
  public static final String EP_UNLOCK_METHOD =
      "com.google.errorprone.annotations.concurrent.UnlockMethod";
  /** Error Prone's {@code @GuardedBy} on a method: like {@code @Holding}. */
  public static final String EP_GUARDED_BY =
      "com.google.errorprone.annotations.concurrent.GuardedBy";

  private static final String CF = "org.checkerframework.checker.lock.qual.";
  /** Checker Framework's {@code @Holding}: like ours. */
  public static final String CF_HOLDING = CF + "Holding";
  /** Checker Framework's {@code @GuardedBy} on a method receiver or field. */
  public static final String CF_GUARDED_BY = CF + "GuardedBy";
  /** Checker Framework's {@code @EnsuresLockHeld}: like {@code @Acquires}. */
  public static final String CF_ENSURES_LOCK_HELD = CF + "EnsuresLockHeld";
  /** Checker Framework's {@code @EnsuresLockHeldIf}: like {@code @TryAcquires}. */
  public static final String CF_ENSURES_LOCK_HELD_IF = CF + "EnsuresLockHeldIf";
  /** Checker Framework's {@code @ReleasesNoLocks}: the call keeps every held lock. */
  public static final String CF_RELEASES_NO_LOCKS = CF + "ReleasesNoLocks";
  /** Checker Framework's {@code @LockingFree}: the call takes and releases no lock. */
  public static final String CF_LOCKING_FREE = CF + "LockingFree";
  /** Checker Framework's {@code @MayReleaseLocks}: the call may release any held lock. */
  public static final String CF_MAY_RELEASE_LOCKS = CF + "MayReleaseLocks";

  public static final String LOCK = "java.util.concurrent.locks.Lock";
  public static final String READ_WRITE_LOCK = "java.util.concurrent.locks.ReadWriteLock";
  public static final String STAMPED_LOCK = "java.util.concurrent.locks.StampedLock";

  /** {@code Lock} methods that block until they hold the lock. */
  public static final Set<String> LOCK_BLOCKING = Set.of("lock", "lockInterruptibly");
  /** {@code Lock} methods that may fail instead of waiting (no wait edge). */
  public static final Set<String> LOCK_TRY = Set.of("tryLock");
  /** {@code Lock} methods that release. */
  public static final Set<String> LOCK_RELEASE = Set.of("unlock");

  /** {@code ReadWriteLock} accessors: the shared and the exclusive half. */
  public static final String RW_READ = "readLock";
  public static final String RW_WRITE = "writeLock";

  /** {@code StampedLock} methods that block, exclusive. */
  public static final Set<String> STAMPED_BLOCKING_EXCLUSIVE =
      Set.of("writeLock", "writeLockInterruptibly");
  /** {@code StampedLock} methods that block, shared. */
  public static final Set<String> STAMPED_BLOCKING_SHARED =
      Set.of("readLock", "readLockInterruptibly");
  /** {@code StampedLock} methods that never wait. */
  public static final Set<String> STAMPED_TRY =
      Set.of("tryWriteLock", "tryReadLock", "tryOptimisticRead", "tryConvertToWriteLock",
          "tryConvertToReadLock", "tryConvertToOptimisticRead");
  /** {@code StampedLock} methods that release. */
  public static final Set<String> STAMPED_RELEASE =
      Set.of("unlockWrite", "unlockRead", "unlock", "tryUnlockWrite", "tryUnlockRead");

  /** Calls that make an ordering guard between two locks of one class. */
  public static final Set<String> ORDERING_CALLS =
      Set.of("compareTo", "compare", "identityHashCode", "hashCode");
}
