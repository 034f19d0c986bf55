package safe.retry;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.FaultsDisabled;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;
import java.util.concurrent.locks.ReentrantLock;

interface Memory {
  @MayFault("page")
  int write(byte[] src, int from);

  @MayFault("page")
  void faultIn(int from);
}

final class Inode {
  @LockClass("inode")
  private final ReentrantLock lock = new ReentrantLock();

  private final byte[] data = new byte[64];

  int read(Memory dst) {
    int done = 0;
    while (done < data.length) {
      lock.lock();
      int copied;
      try {
        copied = copyNoFault(dst, done);
      } finally {
        lock.unlock();
      }
      done += copied;
      if (done < data.length) {
        dst.faultIn(done);
      }
    }
    return done;
  }

  @FaultsDisabled
  private int copyNoFault(Memory dst, int from) {
    return dst.write(data, from);
  }

  @FaultHandler("page")
  void fault() {
    lock.lock();
    try {
      data[0] = 1;
    } finally {
      lock.unlock();
    }
  }
}
