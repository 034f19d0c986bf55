package dev.faultlock.samples.clusterfs;

import dev.faultlock.annotations.Acquires;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.Releases;
import dev.faultlock.annotations.TryAcquires;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A distributed lock manager (DLM) for inode locks, reduced to one JVM: threads stand in for the
 * tasks of the cluster's nodes. Locks are granted shared or exclusive; a thread may take a lock it
 * already holds again (the grant nests, and each grant needs its own {@link #unlock}), and a sole
 * shared holder may convert to exclusive.
 *
 * <p>Waits are interruptible, so a deadlocked task can be torn down. The manager records who holds
 * what and who waits for what, and {@link #waitForGraph()} returns a consistent snapshot of it: the
 * DLM's own deadlock detector. {@code ThreadMXBean.findDeadlockedThreads()} would not do: it does
 * not see shared holders, and shared holders are exactly what the GFS deadlock is made of.
 *
 * <p>Waiters are not queued in order: every release wakes them all and each re-checks whether it
 * can be granted now. There is no fairness guarantee, which the model does not need.
 */
public final class LockManager {
  /**
   * Guards the lock table below. It is a leaf: it is never held while waiting for an inode lock
   * (waiting releases it) and nothing else is acquired under it.
   */
  private final Object table = new Object();

  /** Per lock, per holding thread, the modes it was granted in, most recent first. */
  private final Map<InodeLock, Map<Thread, Deque<LockMode>>> holders = new HashMap<>();

  /** The one lock each blocked thread is waiting for. */
  private final Map<Thread, WaitForGraph.Request> waiting = new LinkedHashMap<>();

  /** Bumped on every grant, release and change of a wait; lets observers see that nothing moved. */
  private long version;

  /** Blocks until the calling thread holds {@code lock} shared. */
  @Acquires("lock")
  public void lockShared(@LockClass("inode") InodeLock lock) throws InterruptedException {
    acquire(lock, LockMode.SHARED);
  }

  /** Blocks until the calling thread holds {@code lock} exclusive. */
  @Acquires("lock")
  public void lockExclusive(@LockClass("inode") InodeLock lock) throws InterruptedException {
    acquire(lock, LockMode.EXCLUSIVE);
  }

  /** Takes {@code lock} shared if that is possible without waiting. */
  @TryAcquires("lock")
  public boolean tryLockShared(@LockClass("inode") InodeLock lock) {
    return tryAcquire(lock, LockMode.SHARED);
  }

  /** Takes {@code lock} exclusive if that is possible without waiting. */
  @TryAcquires("lock")
  public boolean tryLockExclusive(@LockClass("inode") InodeLock lock) {
    return tryAcquire(lock, LockMode.EXCLUSIVE);
  }

  /**
   * Releases the calling thread's most recent grant of {@code lock}.
   *
   * @throws IllegalMonitorStateException if the calling thread does not hold {@code lock}
   */
  @Releases("lock")
  public void unlock(@LockClass("inode") InodeLock lock) {
    Thread me = Thread.currentThread();
    synchronized (table) {
      Map<Thread, Deque<LockMode>> lockHolders = holders.get(lock);
      Deque<LockMode> grants = lockHolders == null ? null : lockHolders.get(me);
      if (grants == null) {
        throw new IllegalMonitorStateException(me.getName() + " does not hold " + lock);
      }
      grants.pop();
      if (grants.isEmpty()) {
        lockHolders.remove(me);
        if (lockHolders.isEmpty()) {
          holders.remove(lock);
        }
      }
      version++;
      table.notifyAll();
    }
  }

  /** The mode in which the calling thread holds {@code lock}, if it holds it. */
  public Optional<LockMode> heldByCurrentThread(InodeLock lock) {
    synchronized (table) {
      return Optional.ofNullable(effectiveMode(lock, Thread.currentThread()));
    }
  }

  /** A consistent snapshot of holders, waiters and the wait-for edges between them. */
  public WaitForGraph waitForGraph() {
    synchronized (table) {
      Map<InodeLock, Map<Thread, LockMode>> held = new LinkedHashMap<>();
      holders.forEach(
          (lock, lockHolders) -> {
            Map<Thread, LockMode> modes = new LinkedHashMap<>();
            lockHolders.keySet().forEach(t -> modes.put(t, effectiveMode(lock, t)));
            held.put(lock, modes);
          });
      return new WaitForGraph(held, waiting, version);
    }
  }

  private void acquire(InodeLock lock, LockMode mode) throws InterruptedException {
    Thread me = Thread.currentThread();
    synchronized (table) {
      if (Thread.interrupted()) {
        throw new InterruptedException(me.getName() + " interrupted before locking " + lock);
      }
      if (!grantable(lock, me, mode)) {
        waiting.put(me, new WaitForGraph.Request(lock, mode));
        version++;
        try {
          do {
            table.wait();
          } while (!grantable(lock, me, mode));
        } finally {
          waiting.remove(me);
          version++;
        }
      }
      grant(lock, me, mode);
    }
  }

  private boolean tryAcquire(InodeLock lock, LockMode mode) {
    Thread me = Thread.currentThread();
    synchronized (table) {
      if (!grantable(lock, me, mode)) {
        return false;
      }
      grant(lock, me, mode);
      return true;
    }
  }

  /** Whether no <em>other</em> thread holds {@code lock} in a mode that conflicts with {@code mode}. */
  private boolean grantable(InodeLock lock, Thread me, LockMode mode) {
    Map<Thread, Deque<LockMode>> lockHolders = holders.get(lock);
    if (lockHolders == null) {
      return true;
    }
    for (Thread holder : lockHolders.keySet()) {
      if (holder != me && effectiveMode(lock, holder).conflictsWith(mode)) {
        return false;
      }
    }
    return true;
  }

  private void grant(InodeLock lock, Thread me, LockMode mode) {
    holders
        .computeIfAbsent(lock, l -> new LinkedHashMap<>())
        .computeIfAbsent(me, t -> new ArrayDeque<>())
        .push(mode);
    version++;
  }

  /** Exclusive if any of the thread's nested grants is exclusive; null if it holds none. */
  private LockMode effectiveMode(InodeLock lock, Thread thread) {
    Map<Thread, Deque<LockMode>> lockHolders = holders.get(lock);
    Deque<LockMode> grants = lockHolders == null ? null : lockHolders.get(thread);
    if (grants == null) {
      return null;
    }
    return grants.contains(LockMode.EXCLUSIVE) ? LockMode.EXCLUSIVE : LockMode.SHARED;
  }
}
