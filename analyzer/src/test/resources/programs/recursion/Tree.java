package recursion;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.MayFault;

interface Memory {
  @MayFault("page")
  void write(byte[] src);
}

@LockClass("inode")
final class Tree {
  private Tree left;
  private Tree right;

  synchronized void dump(Memory dst) {
    walk(dst, 0);
  }

  private void walk(Memory dst, int depth) {
    if (depth > 10) {
      other(dst, depth);
      return;
    }
    walk(dst, depth + 1);
  }

  private void other(Memory dst, int depth) {
    if (depth > 20) {
      dst.write(new byte[depth]);
    } else {
      walk(dst, depth + 1);
    }
  }

  @FaultHandler("page")
  synchronized void fault() {}
}
