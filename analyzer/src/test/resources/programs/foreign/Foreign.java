package foreign;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;
import java.util.concurrent.locks.StampedLock;
import org.checkerframework.checker.lock.qual.Holding;

interface Memory {
  @MayFault("page")
  void write(byte[] src);
}

final class Segment {
  @LockClass("segment")
  final Object lock = new Object();

  @LockClass("segment")
  final StampedLock stamped = new StampedLock();

  /** Error Prone's @GuardedBy on a method: the caller holds lock. */
  @GuardedBy("lock")
  void errorProne(Memory dst) {
    dst.write(new byte[1]);
  }

  /** Checker Framework's @Holding. */
  @Holding("lock")
  void checker(Memory dst) {
    dst.write(new byte[1]);
  }

  void stampedRead(Memory dst) {
    long stamp = stamped.readLock();
    try {
      dst.write(new byte[1]);
    } finally {
      stamped.unlockRead(stamp);
    }
  }

  @FaultHandler("page")
  void fault() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }
}
