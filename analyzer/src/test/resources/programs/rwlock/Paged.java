package rwlock;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.UserBuffer;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

final class PagedFile {
  @LockClass("inode")
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private final ByteBuffer cache = ByteBuffer.allocate(4096);

  Lock readLock() {
    return lock.readLock();
  }

  /** Copies into the caller's buffer under the read lock taken through the accessor. */
  int read(PagedFile file, @UserBuffer ByteBuffer dst) {
    Lock l = file.readLock();
    l.lock();
    try {
      dst.put(cache.duplicate());
      return dst.position();
    } finally {
      l.unlock();
    }
  }

  @FaultHandler
  void fault() {
    lock.writeLock().lock();
    try {
      cache.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
