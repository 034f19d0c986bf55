package fault;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;

@LockClass("inode")
class BuggyFile {
  private final byte[] data = new byte[4096];

  synchronized int read(UserMemory buf, long pos, int len) {
    buf.write(0, data, (int) pos, len);
    return len;
  }

  @FaultHandler("page")
  void fault(long offset) {
    synchronized (this) {
      data[(int) offset] = 0;
    }
  }
}
