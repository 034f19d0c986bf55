package demo.legacy;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;
import java.util.concurrent.locks.ReentrantLock;

/** Legacy code the project leaves out (faultlock.json's excludes): its bug is not reported. */
public final class Old {
  /** Memory that may be swapped out: touching it may fault it back in. */
  public interface SwapMemory {
    @MayFault("swap")
    void write(byte[] src, int len);
  }

  @LockClass("segment")
  private final ReentrantLock lock = new ReentrantLock();

  private final byte[] data = new byte[4096];

  @FaultHandler("swap")
  public byte swapIn(int offset) {
    lock.lock();
    try {
      return data[offset];
    } finally {
      lock.unlock();
    }
  }

  public int read(SwapMemory dst, int len) {
    lock.lock();
    try {
      dst.write(data, len);
      return len;
    } finally {
      lock.unlock();
    }
  }
}
