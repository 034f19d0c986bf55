package safe.sorted;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;
import dev.faultlock.annotations.SortedAcquire;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

interface Memory {
  @MayFault("page")
  void write(byte[] src);

  List<Inode> mappedInodes();
}

final class Inode {
  final long number;

  @LockClass("inode")
  final ReentrantLock lock = new ReentrantLock();

  Inode(long number) {
    this.number = number;
  }

  int read(Memory dst, byte[] data) {
    List<Inode> all = lockAllSorted(dst);
    try {
      dst.write(data);
      return data.length;
    } finally {
      for (Inode i : all) i.lock.unlock();
    }
  }

  @SortedAcquire("inode")
  private List<Inode> lockAllSorted(Memory dst) {
    List<Inode> all = new java.util.ArrayList<>(dst.mappedInodes());
    all.add(this);
    all.sort(Comparator.comparingLong(i -> i.number));
    for (Inode i : all) i.lock.lock();
    return all;
  }

  @FaultHandler("page")
  void fault() {
    lock.lock();
    try {
      number();
    } finally {
      lock.unlock();
    }
  }

  long number() {
    return number;
  }
}
