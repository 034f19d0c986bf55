package safe.reentrant;

import dev.faultlock.annotations.LockClass;
import java.util.concurrent.locks.ReentrantLock;

@LockClass("inode")
final class Inode {
  private final ReentrantLock lock = new ReentrantLock();
  private long size;

  synchronized void grow(long by) {
    size = size() + by;
    synchronized (this) {
      size++;
    }
  }

  synchronized long size() {
    return size;
  }

  void twice() {
    lock.lock();
    try {
      lock.lock();
      try {
        size++;
      } finally {
        lock.unlock();
      }
    } finally {
      lock.unlock();
    }
  }
}
