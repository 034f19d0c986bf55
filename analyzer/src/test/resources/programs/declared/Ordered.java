package declared;

import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.LockOrder;

@LockOrder({"inode", "journal"})
final class Ordered {
  @LockClass("inode")
  private final Object inode = new Object();

  @LockClass("journal")
  private final Object journal = new Object();

  void rightWay() {
    synchronized (inode) {
      synchronized (journal) {
        inode.hashCode();
      }
    }
  }

  void wrongWay() {
    synchronized (journal) {
      synchronized (inode) {
        inode.hashCode();
      }
    }
  }
}
