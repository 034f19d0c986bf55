package dev.faultlock.samples.buggy;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.UserBuffer;
import dev.faultlock.samples.clusterfs.FileOperations;
import dev.faultlock.samples.clusterfs.FileSystemType;
import dev.faultlock.samples.clusterfs.Inode;
import dev.faultlock.samples.clusterfs.InodeLock;
import dev.faultlock.samples.clusterfs.LockManager;
import dev.faultlock.samples.clusterfs.UserMemory;

/**
 * File operations as GFS had them: {@code read} and {@code write} hold the file's inode lock for
 * the whole call, including the copy to or from the caller's buffer. If that buffer maps another
 * file, the copy faults, and the fault handler takes <em>that</em> file's inode lock while this
 * one is held. Two nodes doing this on two files in opposite directions deadlock ABBA:
 *
 * <pre>
 * node 1: read(a) into a writable mmap of b   holds a shared,   write-faults on b: wants b exclusive
 * node 2: read(b) into a writable mmap of a   holds b shared,   write-faults on a: wants a exclusive
 * </pre>
 */
public final class BuggyFile implements FileOperations {
  /** The buggy variant. */
  public static final FileSystemType TYPE = FileSystemType.of("buggy", BuggyFile::new);

  private final Inode inode;
  private final LockManager locks;

  @LockClass("inode")
  private final InodeLock lock;

  public BuggyFile(Inode inode, LockManager locks) {
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
    locks.lockShared(lock);
    try {
      int n = inode.readable(pos, len);
      int done = 0;
      while (done < n) {
        long at = pos + done;
        int chunk = Math.min(n - done, Inode.PAGE_SIZE - Inode.pageOffset(at));
        // The bug: this copy may fault on a mapping of another file while our lock is held.
        dst.write(done, inode.page(Inode.pageNumber(at)), Inode.pageOffset(at), chunk);
        done += chunk;
      }
      return n;
    } finally {
      locks.unlock(lock);
    }
  }

  @Override
  public int write(long pos, @UserBuffer UserMemory src, int len) throws InterruptedException {
    locks.lockExclusive(lock);
    try {
      int done = 0;
      while (done < len) {
        long at = pos + done;
        int chunk = Math.min(len - done, Inode.PAGE_SIZE - Inode.pageOffset(at));
        // The same bug for writes: reading the caller's buffer may fault under our lock.
        src.read(done, inode.pageForWrite(Inode.pageNumber(at)), Inode.pageOffset(at), chunk);
        inode.extendTo(at + chunk);
        done += chunk;
      }
      return len;
    } finally {
      locks.unlock(lock);
    }
  }

  /**
   * The {@code ->nopage} of this file's mappings: takes the inode lock (exclusive for a write
   * fault, as a DLM-protected writable mapping needs) to bring the page in. It runs inside
   * whatever copy touched the mapping, so inside whatever lock that copy's caller holds.
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
    return "buggy file " + inode;
  }
}
