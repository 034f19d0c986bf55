package demo.buggy;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.UserBuffer;

/** The GFS bug in miniature: a file's lock is held while copying into the caller's buffer. */
@LockClass("inode")
final class Inode {
  private final byte[] data = new byte[4096];

  synchronized int read(int pos, @UserBuffer UserMemory dst, int len) {
    // The buffer may be an mmap of another file: this copy can fault into that file's lock.
    dst.write(0, data, pos, len);
    return len;
  }

  /** The fault handler of a mapping of this file: takes this file's lock. */
  @FaultHandler("page")
  byte[] fault(int pageNo) {
    synchronized (this) {
      return data;
    }
  }
}
