package dev.faultlock.samples.clusterfs;

import dev.faultlock.annotations.MayFault;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A mapping of part of a file ({@code mmap}). Its pages start out not present: the first touch of
 * a page calls the file's {@link PageSource#fault} (its {@code ->nopage}), which takes the file's
 * inode lock, shared for a read fault and exclusive for a write fault, like a DLM-protected
 * mapping. A page mapped read-only faults again on the first write to it.
 *
 * <p>The model keeps faulted pages present for the mapping's lifetime: it does not revoke them
 * when another node takes a conflicting lock. The deadlock is in the fault path, not there.
 */
public final class MappedMemory implements UserMemory {
  /** A page table entry: the page-cache page mapped, and whether it was mapped for writing. */
  private static final class Pte {
    private final byte[] page;
    private final boolean writable;

    Pte(byte[] page, boolean writable) {
      this.page = page;
      this.writable = writable;
    }

    byte[] page() {
      return page;
    }

    boolean writable() {
      return writable;
    }
  }

  private final PageSource source;
  private final Inode inode;
  private final long fileOffset;
  private final long length;
  private final boolean writable;
  private final AtomicReferenceArray<Pte> ptes;
  private final AtomicInteger faults = new AtomicInteger();

  MappedMemory(PageSource source, Inode inode, long fileOffset, long length, boolean writable) {
    if (Inode.pageOffset(fileOffset) != 0) {
      throw new IllegalArgumentException("mapping offset " + fileOffset + " is not page-aligned");
    }
    if (length <= 0) {
      throw new IllegalArgumentException("mapping length must be positive: " + length);
    }
    this.source = source;
    this.inode = inode;
    this.fileOffset = fileOffset;
    this.length = length;
    this.writable = writable;
    this.ptes = new AtomicReferenceArray<>((int) Inode.pageNumber(length + Inode.PAGE_SIZE - 1));
  }

  @Override
  public long length() {
    return length;
  }

  /** How many page faults this mapping has taken. */
  public int faults() {
    return faults.get();
  }

  @Override
  @MayFault("page")
  public void write(long offset, byte[] src, int from, int len) throws InterruptedException {
    Objects.checkFromIndexSize(from, len, src.length);
    copy(offset, len, true, (page, at, done, n) -> System.arraycopy(src, from + done, page, at, n));
  }

  @Override
  @MayFault("page")
  public void read(long offset, byte[] dst, int to, int len) throws InterruptedException {
    Objects.checkFromIndexSize(to, len, dst.length);
    copy(offset, len, false, (page, at, done, n) -> System.arraycopy(page, at, dst, to + done, n));
  }

  @Override
  public int writeNoFault(long offset, byte[] src, int from, int len) {
    Objects.checkFromIndexSize(from, len, src.length);
    return copyPresent(offset, len, true, (page, at, done, n) -> System.arraycopy(src, from + done, page, at, n));
  }

  @Override
  public int readNoFault(long offset, byte[] dst, int to, int len) {
    Objects.checkFromIndexSize(to, len, dst.length);
    return copyPresent(offset, len, false, (page, at, done, n) -> System.arraycopy(page, at, dst, to + done, n));
  }

  @Override
  @MayFault("page")
  public void faultIn(long offset, int len, boolean write) throws InterruptedException {
    copy(offset, len, write, (page, at, done, n) -> {});
  }

  @Override
  public List<Mapping> mappings(long offset, int len) {
    Objects.checkFromIndexSize(offset, len, length);
    return len == 0 ? List.of() : List.of(new Mapping(inode, writable));
  }

  /** Copies one piece that lies within one page: {@code n} bytes at {@code at} in {@code page}. */
  @FunctionalInterface
  private interface PageCopy {
    void copy(byte[] page, int at, int done, int n);
  }

  /** Copies page by page, faulting in each page that is not present. */
  private void copy(long offset, int len, boolean write, PageCopy pageCopy)
      throws InterruptedException {
    int done = copyPresent(offset, len, write, pageCopy);
    while (done < len) {
      fault(fileOffset + offset + done, write);
      int before = done;
      done += copyPresent(
          offset + before, len - before, write, (page, at, d, n) -> pageCopy.copy(page, at, before + d, n));
    }
  }

  /** Copies page by page up to the first page that is not present; returns how much it copied. */
  private int copyPresent(long offset, int len, boolean write, PageCopy pageCopy) {
    Objects.checkFromIndexSize(offset, len, length);
    int done = 0;
    while (done < len) {
      long pos = fileOffset + offset + done;
      Pte pte = present(pos, write);
      if (pte == null) {
        return done;
      }
      int n = Math.min(len - done, Inode.PAGE_SIZE - Inode.pageOffset(pos));
      pageCopy.copy(pte.page(), Inode.pageOffset(pos), done, n);
      done += n;
    }
    return done;
  }

  /** The entry for the page holding file position {@code pos}, if it is present as needed. */
  private Pte present(long pos, boolean write) {
    Pte pte = ptes.get(slot(pos));
    return pte != null && (pte.writable() || !write) ? pte : null;
  }

  private void fault(long pos, boolean write) throws InterruptedException {
    if (write && !writable) {
      throw new MemoryFaultException(
          "segmentation fault: write to a read-only mapping of " + inode.name());
    }
    faults.incrementAndGet();
    ptes.set(slot(pos), new Pte(source.fault(Inode.pageNumber(pos), write), write));
  }

  private int slot(long pos) {
    return (int) (Inode.pageNumber(pos) - Inode.pageNumber(fileOffset));
  }

  @Override
  public String toString() {
    return (writable ? "writable" : "read-only") + " mapping of " + inode + " at " + fileOffset
        + ", " + length + " bytes";
  }
}
