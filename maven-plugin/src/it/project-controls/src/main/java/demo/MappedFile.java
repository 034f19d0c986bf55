package demo;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A file that can be mapped ("fichier mappé"): reading it copies into caller memory under the
 * file's lock. This file is ISO-8859-1, as the pom's project.build.sourceEncoding says.
 */
public final class MappedFile {
  @LockClass("inode")
  private final ReentrantLock lock = new ReentrantLock();

  private final byte[] data = new byte[4096];

  /** Runs when a mapping of this file is touched: takes this file's lock. */
  @FaultHandler("page")
  public byte pageIn(int offset) {
    lock.lock();
    try {
      return data[offset];
    } finally {
      lock.unlock();
    }
  }

  /** The bug: the copy may fault on another file's mapping, whose handler takes its lock. */
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
