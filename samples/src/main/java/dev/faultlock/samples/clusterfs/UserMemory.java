package dev.faultlock.samples.clusterfs;

import dev.faultlock.annotations.MayFault;
import java.util.List;

/**
 * A caller's buffer, as a {@code read()} or {@code write()} system call sees it: plain memory, or
 * memory that maps a file, where touching a page that is not present runs that file's fault
 * handler (and takes that file's lock). Offsets are relative to the start of the buffer.
 */
public interface UserMemory {
  /** The buffer's length in bytes. */
  long length();

  /**
   * Copies {@code len} bytes of {@code src} from {@code from} into the buffer at {@code offset}
   * ({@code copy_to_user}), faulting pages in as needed.
   */
  @MayFault("page")
  void write(long offset, byte[] src, int from, int len) throws InterruptedException;

  /**
   * Copies {@code len} bytes of the buffer at {@code offset} into {@code dst} from {@code to}
   * ({@code copy_from_user}), faulting pages in as needed.
   */
  @MayFault("page")
  void read(long offset, byte[] dst, int to, int len) throws InterruptedException;

  /**
   * Like {@link #write} with faults disabled: stops at the first page that is not present (or not
   * writable) instead of faulting it in.
   *
   * @return how many bytes were copied, less than {@code len} on a short copy
   */
  int writeNoFault(long offset, byte[] src, int from, int len);

  /**
   * Like {@link #read} with faults disabled: stops at the first page that is not present.
   *
   * @return how many bytes were copied, less than {@code len} on a short copy
   */
  int readNoFault(long offset, byte[] dst, int to, int len);

  /**
   * Makes the pages of {@code [offset, offset + len)} present, writable if {@code write}, without
   * copying ({@code fault_in_iov_iter_writeable} / {@code _readable}). Call it with no lock held.
   */
  @MayFault("page")
  void faultIn(long offset, int len, boolean write) throws InterruptedException;

  /** The file mappings that back {@code [offset, offset + len)}; empty for plain memory. */
  List<Mapping> mappings(long offset, int len);
}
