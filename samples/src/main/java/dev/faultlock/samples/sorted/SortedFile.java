package dev.faultlock.samples.sorted;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.SortedAcquire;
import dev.faultlock.annotations.UserBuffer;
import dev.faultlock.samples.clusterfs.FileOperations;
import dev.faultlock.samples.clusterfs.FileSystemType;
import dev.faultlock.samples.clusterfs.Inode;
import dev.faultlock.samples.clusterfs.InodeLock;
import dev.faultlock.samples.clusterfs.LockManager;
import dev.faultlock.samples.clusterfs.LockMode;
import dev.faultlock.samples.clusterfs.Mapping;
import dev.faultlock.samples.clusterfs.UserMemory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * File operations with the fix GFS, OCFS2 and Lustre shipped: before the copy, walk the mappings
 * that back the caller's buffer, collect their inodes together with this file's own, sort them by
 * inode number and acquire them all, in that one global order, each in the mode the copy will need.
 * Faults during the copy then find their lock already held (the lock manager nests grants), so
 * nothing is acquired inside the copy, and every node acquires in the same order: no ABBA.
 *
 * <p>As the post says, this relies on the buffer's mappings not changing between the walk and the
 * copy.
 */
public final class SortedFile implements FileOperations {
  /** The sorted-acquisition variant. */
  public static final FileSystemType TYPE = FileSystemType.of("sorted", SortedFile::new);

  private final Inode inode;
  private final LockManager locks;

  @LockClass("inode")
  private final InodeLock lock;

  public SortedFile(Inode inode, LockManager locks) {
    this.inode = inode;
    this.locks = locks;
    this.lock = inode.lock();
  }

  @Override
  public Inode inode() {
    return inode;
  }

  @Override
  public int read(long pos, @UserBuffer UserMemory dst, int len) throws InterruptedException {
    // Faults on dst are write faults: they need the mapped files exclusive.
    List<InodeLock> held = lockAllSorted(dst, len, LockMode.SHARED, LockMode.EXCLUSIVE);
    try {
      int n = inode.readable(pos, len);
      int done = 0;
      while (done < n) {
        long at = pos + done;
        int chunk = Math.min(n - done, Inode.PAGE_SIZE - Inode.pageOffset(at));
        // May fault, but every lock the fault handler takes is already held.
        dst.write(done, inode.page(Inode.pageNumber(at)), Inode.pageOffset(at), chunk);
        done += chunk;
      }
      return n;
    } finally {
      unlockAll(held);
    }
  }

  @Override
  public int write(long pos, @UserBuffer UserMemory src, int len) throws InterruptedException {
    // Faults on src are read faults: they need the mapped files shared.
    List<InodeLock> held = lockAllSorted(src, len, LockMode.EXCLUSIVE, LockMode.SHARED);
    try {
      int done = 0;
      while (done < len) {
        long at = pos + done;
        int chunk = Math.min(len - done, Inode.PAGE_SIZE - Inode.pageOffset(at));
        src.read(done, inode.pageForWrite(Inode.pageNumber(at)), Inode.pageOffset(at), chunk);
        inode.extendTo(at + chunk);
        done += chunk;
      }
      return len;
    } finally {
      unlockAll(held);
    }
  }

  /**
   * Takes, in inode-number order, this file's lock in {@code ownMode} and the lock of every file
   * mapped into the first {@code len} bytes of {@code buf} in {@code mappedMode}; a file that is
   * both gets the stronger mode. On failure releases what it took.
   *
   * @return the locks taken, in the order taken
   */
  @SortedAcquire("inode")
  private List<InodeLock> lockAllSorted(UserMemory buf, int len, LockMode ownMode, LockMode mappedMode)
      throws InterruptedException {
    Map<Inode, LockMode> needed = new TreeMap<>(Comparator.comparingLong(Inode::number));
    for (Mapping mapping : buf.mappings(0, len)) {
      needed.merge(mapping.inode(), mappedMode, LockMode::strongest);
    }
    needed.merge(inode, ownMode, LockMode::strongest);
    List<InodeLock> held = new ArrayList<>(needed.size());
    try {
      for (Map.Entry<Inode, LockMode> entry : needed.entrySet()) {
        InodeLock next = entry.getKey().lock();
        if (entry.getValue() == LockMode.EXCLUSIVE) {
          locks.lockExclusive(next);
        } else {
          locks.lockShared(next);
        }
        held.add(next);
      }
    } catch (InterruptedException | RuntimeException e) {
      unlockAll(held);
      throw e;
    }
    return held;
  }

  /** Releases {@code held} in the reverse of the order it was taken. */
  private void unlockAll(List<InodeLock> held) {
    for (int i = held.size() - 1; i >= 0; i--) {
      locks.unlock(held.get(i));
    }
  }

  /**
   * The {@code ->nopage} of this file's mappings: takes the inode lock to bring the page in. Inside
   * a {@code read} or {@code write} of this variant the lock is already held, in the mode needed,
   * so the grant just nests.
   */
  @Override
  @FaultHandler("page")
  public byte[] fault(long pageNo, boolean write) throws InterruptedException {
    if (write) {
      locks.lockExclusive(lock);
    } else {
      locks.lockShared(lock);
    }
    try {
      return inode.pageForFault(pageNo);
    } finally {
      locks.unlock(lock);
    }
  }

  @Override
  public String toString() {
    return "sorted file " + inode;
  }
}
