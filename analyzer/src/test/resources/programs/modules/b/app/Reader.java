package app;

import dev.faultlock.annotations.LockClass;
import lib.UserMemory;

/** Module B: copies into module A's memory under its own inode lock. */
@LockClass("inode")
public class Reader {
  public synchronized void read(UserMemory dst) {
    dst.write(new byte[16]);
  }
}
