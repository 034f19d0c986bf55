package pages;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import java.util.concurrent.locks.ReentrantLock;

/** A page of a mapped file: a fault on it takes the file's inode lock. */
public final class MappedPage {
  @LockClass("inode")
  private final ReentrantLock inodeLock;

  private final byte[] page = new byte[4096];

  public MappedPage(ReentrantLock inodeLock) {
    this.inodeLock = inodeLock;
  }

  @FaultHandler("page")
  public byte fault(int offset) {
    inodeLock.lock();
    try {
      return page[offset];
    } finally {
      inodeLock.unlock();
    }
  }
}
