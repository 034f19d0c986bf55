package demo.fs;

import demo.mem.UserMemory;
import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;

/** The bug, with the buffer type in another package: found only with that package read too. */
@LockClass("inode")
public final class Inode {
  private final byte[] data = new byte[4096];

  public synchronized int read(int pos, UserMemory dst, int len) {
    dst.write(0, data, pos, len);
    return len;
  }

  @FaultHandler("page")
  public byte[] fault(int pageNo) {
    synchronized (this) {
      return data;
    }
  }
}
