package demo;

import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.UserBuffer;
import java.nio.ByteBuffer;

/** A user's file: copies into the caller's buffer under its lock. Nothing here names FileChannel. */
@LockClass("inode")
final class MappedFile {
  private final ByteBuffer page = ByteBuffer.allocate(4096);

  synchronized int read(@UserBuffer ByteBuffer dst) {
    int n = Math.min(dst.remaining(), page.remaining());
    dst.put(page.duplicate().limit(n));
    return n;
  }

  int size() {
    return page.capacity();
  }
}
