package demo;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.UserBuffer;
import java.nio.ByteBuffer;

/** A user's page cache: copies into the caller's buffer under the file's lock. */
@LockClass("inode")
public final class Pages {
  private final ByteBuffer page = ByteBuffer.allocate(4096);

  /** Buffer bookkeeping under the lock is fine; the copy is the bug. */
  public synchronized int read(@UserBuffer ByteBuffer dst) {
    int n = Math.min(dst.remaining(), page.remaining());
    dst.put(page.duplicate().limit(n));
    return n;
  }

  /** Runs when a mapping of this file is touched: takes this file's lock. */
  @FaultHandler
  public synchronized void pageIn() {
    page.clear();
  }
}
