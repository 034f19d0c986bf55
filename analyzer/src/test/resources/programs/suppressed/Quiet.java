package suppressed;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;

interface Memory {
  @MayFault("page")
  void write(byte[] src);
}

@LockClass("inode")
final class Quiet {
  @SuppressWarnings("FaultUnderLock")
  synchronized void read(Memory dst) {
    dst.write(new byte[1]);
  }

  @SuppressWarnings("LockOrderInversion")
  synchronized void notThisRule(Memory dst) {
    dst.write(new byte[1]);
  }

  @FaultHandler("page")
  synchronized void fault() {}
}

@SuppressWarnings("faultlock")
@LockClass("inode")
final class Silent {
  synchronized void read(Memory dst) {
    dst.write(new byte[1]);
  }
}
