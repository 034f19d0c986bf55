package safe.trylock;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;
import java.util.concurrent.locks.ReentrantLock;

interface Memory {
  @MayFault("page")
  void write(byte[] src);
}

final class Inode {
  @LockClass("inode")
  private final ReentrantLock lock = new ReentrantLock();

  void read(Memory dst, byte[] data) {
    lock.lock();
    try {
      dst.write(data);
    } finally {
      lock.unlock();
    }
  }

  /** Never waits: if the lock is busy the fault is retried later. */
  @FaultHandler("page")
  boolean fault() {
    if (!lock.tryLock()) {
      return false;
    }
    try {
      return true;
    } finally {
      lock.unlock();
    }
  }
}
