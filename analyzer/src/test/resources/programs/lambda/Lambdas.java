package lambda;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;
import java.util.List;

interface Memory {
  @MayFault("page")
  void write(byte[] src);
}

@LockClass("inode")
final class Inode {
  private final byte[] data = new byte[8];

  /** Runs {@code action} under this inode's lock. */
  void withLock(Runnable action) {
    synchronized (this) {
      action.run();
    }
  }

  void read(Memory dst) {
    withLock(() -> dst.write(data));
  }

  synchronized void readAll(List<Memory> dsts) {
    dsts.forEach(d -> d.write(data));
  }

  @FaultHandler("page")
  synchronized void fault() {
    data[0] = 0;
  }
}
