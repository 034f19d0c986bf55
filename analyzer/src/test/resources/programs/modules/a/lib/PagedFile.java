package lib;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;

/** Module A's file: its fault handler takes its inode lock. */
@LockClass("inode")
public class PagedFile {
  private int faults;

  @FaultHandler("page")
  public synchronized void fault() {
    faults++;
  }
}
