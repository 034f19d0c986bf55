package inner;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;

interface Memory {
  @MayFault("page")
  void write(byte[] src);
}

interface Copier {
  void copy();
}

@LockClass("inode")
final class Inode {
  private final Memory dst;
  private final Copier copier;

  Inode(Memory dst) {
    this.dst = dst;
    this.copier =
        new Copier() {
          @Override
          public void copy() {
            new Pages().copyAll();
          }
        };
  }

  /** An inner class that copies into the caller's memory. */
  final class Pages {
    void copyAll() {
      dst.write(new byte[1]);
    }
  }

  synchronized void read() {
    copier.copy();
  }

  @FaultHandler("page")
  synchronized void fault() {}
}
