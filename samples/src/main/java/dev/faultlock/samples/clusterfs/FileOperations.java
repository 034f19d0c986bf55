package dev.faultlock.samples.clusterfs;

import dev.faultlock.annotations.UserBuffer;

/**
 * An open file of one filesystem variant: its {@code read}/{@code write} system calls, and (as a
 * {@link PageSource}) the fault handler its mappings call. Each variant (buggy, sorted, retry)
 * implements all three in one class of its own package, so the locking of each can be read, and
 * analysed, on its own.
 */
public interface FileOperations extends PageSource {
  /** The file's inode. */
  Inode inode();

  /**
   * Copies up to {@code len} bytes of the file from {@code pos} into {@code dst}, from its start.
   *
   * @return how many bytes were copied: fewer than {@code len} only at end of file
   */
  int read(long pos, @UserBuffer UserMemory dst, int len) throws InterruptedException;

  /**
   * Copies {@code len} bytes of {@code src}, from its start, into the file at {@code pos},
   * growing the file as needed.
   *
   * @return how many bytes were written
   */
  int write(long pos, @UserBuffer UserMemory src, int len) throws InterruptedException;
}
