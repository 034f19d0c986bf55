package demo;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.FaultsDisabled;
import dev.faultlock.annotations.LockClass;
import java.util.concurrent.locks.ReentrantLock;

/** A file that can be mapped, read the gfs2 way: copy with faults disabled, retry unlocked. */
public final class MappedFile {
  @LockClass("inode")
  final ReentrantLock lock = new ReentrantLock();

  private final byte[] data = new byte[4096];

  /** Runs when a mapping of this file is touched: takes this file's lock. */
  @FaultHandler("page")
  public byte pageIn(int offset) {
    lock.lock();
    try {
      return data[offset];
    } finally {
      lock.unlock();
    }
  }

  public int read(UserMemory dst, int len) {
    while (true) {
      int copied;
      lock.lock();
      try {
        copied = copyNoFault(dst, len);
      } finally {
        lock.unlock();
      }
      if (copied == len) {
        return len;
      }
      dst.faultIn(len); // no lock held: the fault may take any file's lock
    }
  }

  int length() {
    return data.length;
  }

  /** A fault here stops the copy short instead of running a handler under the caller's lock. */
  @FaultsDisabled
  private int copyNoFault(UserMemory dst, int len) {
    return dst.write(data, len);
  }
}
