package demo;

import dev.faultlock.annotations.FaultHandler;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Copies a library channel under its own lock, with no annotation on the copy: only a
 * FaultMethods list naming FileChannel#transferTo makes the copy fault.
 */
public final class Copier {
  private long copied;

  public synchronized long copy(FileChannel from, WritableByteChannel to) throws IOException {
    long n = from.transferTo(0, from.size(), to);
    copied += n;
    return n;
  }

  @FaultHandler
  synchronized void fault() {
    copied = 0;
  }
}
