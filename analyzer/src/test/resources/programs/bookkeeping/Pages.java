package bookkeeping;

import dev.faultlock.annotations.FaultHandler;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.UserBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** Buffer bookkeeping on a user buffer under the lock is quiet; touching its elements is not. */
final class Pages {
  @LockClass("inode")
  private final Object lock = new Object();

  private final ByteBuffer cache = ByteBuffer.allocate(4096);

  int read(@UserBuffer ByteBuffer dst, Object other) {
    synchronized (lock) {
      int n = Math.min(dst.remaining(), cache.remaining());
      dst.position(dst.position()).limit(dst.capacity());
      boolean same = other.equals(dst) || dst.toString().isEmpty();
      dst.put(cache.duplicate());
      return same || dst.equals(cache) ? 0 : n;
    }
  }

  void ship(@UserBuffer ByteBuffer src, WritableByteChannel out) throws IOException {
    synchronized (lock) {
      if (src.hasRemaining()) {
        out.write(src);
      }
    }
  }

  @FaultHandler
  void fault() {
    synchronized (lock) {
      cache.clear();
    }
  }
}
