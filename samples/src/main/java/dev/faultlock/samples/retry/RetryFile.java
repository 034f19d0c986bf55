package dev.faultlock.samples.retry;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.FaultsDisabled;
import dev.faultlock.annotations.Holding;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.UserBuffer;
import dev.faultlock.samples.clusterfs.FileOperations;
import dev.faultlock.samples.clusterfs.FileSystemType;
import dev.faultlock.samples.clusterfs.Inode;
import dev.faultlock.samples.clusterfs.InodeLock;
import dev.faultlock.samples.clusterfs.LockManager;
import dev.faultlock.samples.clusterfs.UserMemory;

/**
 * File operations with the gfs2 fix of 2021: under the inode lock, copy with page faults
 * disabled. A page of the caller's buffer that is not present makes the copy stop short instead
 * of faulting; then drop the lock, fault the rest of the buffer in with no lock held (where taking
 * the other file's lock is harmless), take the lock again and carry on from where the copy
 * stopped. No lock is ever acquired while this file's lock is held.
 *
 * <p>Each round copies at least the pages faulted in by the round before, because this model
 * keeps faulted pages present; a kernel, which may evict them in between, bounds the retries.
 */
public final class RetryFile implements FileOperations {
  /** The copy-with-faults-disabled variant. */
  public static final FileSystemType TYPE = FileSystemType.of("retry", RetryFile::new);

  private final Inode inode;
  private final LockManager locks;

  @LockClass("inode")
  private final InodeLock lock;

  public RetryFile(Inode inode, LockManager locks) {
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
    int done = 0;
    while (true) {
      int wanted;
      int copied;
      locks.lockShared(lock);
      try {
        wanted = inode.readable(pos + done, len - done);
        copied = copyOutNoFault(pos + done, dst, done, wanted);
      } finally {
        locks.unlock(lock);
      }
      done += copied;
      if (copied == wanted) {
        return done;
      }
      // Short copy: a page of dst is not present. Bring it in with no lock held.
      dst.faultIn(done, wanted - copied, true);
    }
  }

  @Override
  public int write(long pos, @UserBuffer UserMemory src, int len) throws InterruptedException {
    int done = 0;
    while (true) {
      int copied;
      locks.lockExclusive(lock);
      try {
        copied = copyInNoFault(pos + done, src, done, len - done);
      } finally {
        locks.unlock(lock);
      }
      done += copied;
      if (done == len) {
        return done;
      }
      // Short copy: a page of src is not present. Bring it in with no lock held.
      src.faultIn(done, len - done, false);
    }
  }

  /**
   * Copies {@code len} bytes of the file from {@code pos} to {@code dst} at {@code dstOffset},
   * stopping at the first page of {@code dst} that is not present.
   *
   * @return how many bytes were copied
   */
  @FaultsDisabled
  @Holding("lock")
  private int copyOutNoFault(long pos, UserMemory dst, int dstOffset, int len) {
    int done = 0;
    while (done < len) {
      long at = pos + done;
      int chunk = Math.min(len - done, Inode.PAGE_SIZE - Inode.pageOffset(at));
      int copied =
          dst.writeNoFault(dstOffset + done, inode.page(Inode.pageNumber(at)), Inode.pageOffset(at), chunk);
      done += copied;
      if (copied < chunk) {
        break;
      }
    }
    return done;
  }

  /**
   * Copies {@code len} bytes of {@code src} from {@code srcOffset} into the file at {@code pos},
   * growing the file by what it copied, stopping at the first page of {@code src} that is not
   * present.
   *
   * @return how many bytes were copied
   */
  @FaultsDisabled
  @Holding("lock")
  private int copyInNoFault(long pos, UserMemory src, int srcOffset, int len) {
    int done = 0;
    while (done < len) {
      long at = pos + done;
      int chunk = Math.min(len - done, Inode.PAGE_SIZE - Inode.pageOffset(at));
      int copied =
          src.readNoFault(srcOffset + done, inode.pageForWrite(Inode.pageNumber(at)), Inode.pageOffset(at), chunk);
      done += copied;
      if (copied < chunk) {
        break;
      }
    }
    if (done > 0) {
      inode.extendTo(pos + done);
    }
    return done;
  }

  /**
   * The {@code ->nopage} of this file's mappings: takes the inode lock (exclusive for a write
   * fault) to bring the page in. A {@code read} or {@code write} of this variant only lets it run
   * with no lock held.
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
    return "retry file " + inode;
  }
}
