package demo.fixed;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.FaultsDisabled;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;
import dev.faultlock.annotations.UserBuffer;

/** The gfs2 fix: copy with faults disabled; on a short copy drop the lock, fault in, retry. */
@LockClass("inode")
final class Inode {
  private final byte[] data = new byte[4096];

  int read(int pos, @UserBuffer UserMemory dst, int len) {
    while (true) {
      int copied;
      synchronized (this) {
        copied = copyNoFault(pos, dst, len);
      }
      if (copied == len) {
        return len;
      }
      dst.faultIn(0, len);
    }
  }

  @FaultsDisabled
  private int copyNoFault(int pos, UserMemory dst, int len) {
    return dst.writeNoFault(0, data, pos, len);
  }

  @FaultHandler("page")
  byte[] fault(int pageNo) {
    synchronized (this) {
      return data;
    }
  }
}

/** The caller's memory. */
interface UserMemory {
  /** Copies what it can without faulting; returns how much. */
  @MayFault("page")
  int writeNoFault(int offset, byte[] src, int from, int len);

  /** Touches the pages so that the next copy does not fault. */
  @MayFault("page")
  void faultIn(int offset, int len);
}
