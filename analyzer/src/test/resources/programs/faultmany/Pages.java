package faultmany;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;

interface Buffer {
  @MayFault("page")
  void put(byte[] src);
}

class Journal {
  @LockClass("journal")
  private final Object lock = new Object();

  @FaultHandler("page")
  void fault(long page) {
    synchronized (lock) {
      page++;
    }
  }
}

class Cache {
  @LockClass("cache")
  private final Object lock = new Object();

  @FaultHandler("page")
  void fault(long page) {
    synchronized (lock) {
      page++;
    }
  }
}

@LockClass("inode")
class File {
  synchronized void read(Buffer dst, byte[] data) {
    dst.put(data);
  }

  @FaultHandler("page")
  synchronized void fault(long page) {
    page++;
  }
}
