package files;

import dev.faultlock.annotations.LockClass;
import java.util.concurrent.locks.ReentrantLock;
import pages.UserMemory;

/** Reads a file into caller memory under the file's inode lock. */
public final class FileReader {
  @LockClass("inode")
  private final ReentrantLock lock = new ReentrantLock();

  private final byte[] data = new byte[4096];

  /** The bug: the copy may fault on another file's page, whose handler takes that inode lock. */
  public int read(UserMemory dst, int len) {
    lock.lock();
    try {
      dst.write(data, len);
      return len;
    } finally {
      lock.unlock();
    }
  }
}
