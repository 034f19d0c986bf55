package dev.faultlock.samples.clusterfs;

import dev.faultlock.annotations.Holding;
import dev.faultlock.annotations.LockClass;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's inode: its number, its size and its page cache. The page cache is guarded by the
 * inode's cluster lock, not by a Java monitor: readers hold {@link #lock()} shared, anything that
 * changes the size or allocates pages holds it exclusive. (The lock manager's grants and releases
 * synchronize, so what one holder wrote is visible to the next.)
 *
 * <p>Pages handed to a mapping by a fault are the cache's own arrays, as in a kernel: a process
 * writing through a writable mapping writes the file's page cache directly.
 */
public final class Inode {
  /** Bytes per page, as on x86. */
  public static final int PAGE_SIZE = 4096;

  private final long number;
  private final String name;

  @LockClass("inode")
  private final InodeLock lock;

  private final List<byte[]> pages = new ArrayList<>();
  private long size;

  Inode(long number, String name) {
    this.number = number;
    this.name = name;
    this.lock = new InodeLock(number, name);
  }

  /** The inode number: unique in the filesystem, the global order for sorted acquisition. */
  public long number() {
    return number;
  }

  /** The file's name. */
  public String name() {
    return name;
  }

  /** The inode's cluster lock. */
  @LockClass("inode")
  public InodeLock lock() {
    return lock;
  }

  /** The page holding byte {@code pos} of a file. */
  public static long pageNumber(long pos) {
    return pos / PAGE_SIZE;
  }

  /** Where byte {@code pos} of a file lies in its page. */
  public static int pageOffset(long pos) {
    return (int) (pos % PAGE_SIZE);
  }

  /**
   * How many of {@code len} bytes from {@code pos} lie before end of file: what a read may copy.
   * Needs the lock in any mode.
   */
  @Holding("lock")
  public int readable(long pos, int len) {
    return (int) Math.max(0, Math.min(len, size - pos));
  }

  /** The cached page {@code pageNo}, which must lie before end of file. Needs the lock in any mode. */
  @Holding("lock")
  public byte[] page(long pageNo) {
    if (pageNo >= pages.size()) {
      throw new IllegalArgumentException(
          "page " + pageNo + " of " + name + " lies beyond end of file (" + size + " bytes)");
    }
    return pages.get((int) pageNo);
  }

  /** The cached page {@code pageNo}, allocating zero pages up to it. Needs the lock exclusive. */
  @Holding("lock")
  public byte[] pageForWrite(long pageNo) {
    while (pages.size() <= pageNo) {
      pages.add(new byte[PAGE_SIZE]);
    }
    return pages.get((int) pageNo);
  }

  /** Grows the file to at least {@code end} bytes. Needs the lock exclusive. */
  @Holding("lock")
  public void extendTo(long end) {
    if (end > size) {
      pageForWrite(pageNumber(end - 1));
      size = end;
    }
  }

  /**
   * The page a fault on page {@code pageNo} of a mapping maps in: the cached page itself. A
   * mapping may not reach past end of file, as with {@code SIGBUS} in Linux. Needs the lock in
   * the mode of the fault (exclusive for a write fault).
   *
   * @throws MemoryFaultException if the page lies beyond end of file
   */
  @Holding("lock")
  public byte[] pageForFault(long pageNo) {
    if (pageNo >= pageNumber(size + PAGE_SIZE - 1)) {
      throw new MemoryFaultException(
          "bus error: page " + pageNo + " of " + name + " lies beyond end of file");
    }
    return pages.get((int) pageNo);
  }

  @Override
  public String toString() {
    return "inode " + number + " (" + name + ")";
  }
}
