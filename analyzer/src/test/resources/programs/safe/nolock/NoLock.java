package safe.nolock;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;

interface Memory {
  @MayFault("page")
  void write(byte[] src);
}

@LockClass("inode")
final class Inode {
  private byte[] data = new byte[8];

  void read(Memory dst) {
    byte[] copy;
    synchronized (this) {
      copy = data.clone();
    }
    dst.write(copy);
  }

  @FaultHandler("page")
  synchronized void fault() {
    data = new byte[8];
  }
}
