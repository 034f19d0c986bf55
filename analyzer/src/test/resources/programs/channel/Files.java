package channel;

import dev.faultlock.annotations.LockClass;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** A file of the program that is also a channel: writing to it takes its inode lock. */
@LockClass("inode")
final class FileChannel implements WritableByteChannel {
  private long size;

  @Override
  public synchronized int write(ByteBuffer src) {
    int n = src.remaining();
    size += n;
    return n;
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public void close() {}

  /** transferTo: holds this file's inode lock while writing into the caller's channel. */
  synchronized long transferTo(WritableByteChannel target) throws java.io.IOException {
    ByteBuffer buf = ByteBuffer.allocate(16);
    return target.write(buf);
  }
}
