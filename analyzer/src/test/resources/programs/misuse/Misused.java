package misuse;

import dev.faultlock.annotations.Acquires;
import dev.faultlock.annotations.Holding;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.LockOrder;
import dev.faultlock.annotations.Releases;
import dev.faultlock.annotations.SortedAcquire;
import java.util.concurrent.locks.ReentrantLock;

@LockOrder({"inode"})
final class Misused {
  @LockClass("inode")
  private final ReentrantLock lock = new ReentrantLock();

  @Acquires("lokc")
  void typo() {
    lock.lock();
  }

  @SortedAcquire
  void noClass() {}

  @Holding("other.lock")
  void noSuchParameter(Misused that) {}

  @Acquires("lock")
  void fine() {
    lock.lock();
  }

  @Releases("that.lock")
  void fineToo(Misused that) {
    that.lock.unlock();
  }
}
