package dev.faultlock.samples.clusterfs;

/**
 * What a mapping calls when a page it touches is not present: the file's {@code ->nopage}. Each
 * filesystem variant implements it in its own file class, where it is annotated
 * {@code @FaultHandler("page")}: it takes the file's inode lock to bring the page in.
 */
public interface PageSource {
  /**
   * Brings page {@code pageNo} of the file in and returns it, for writing if {@code write}.
   *
   * @throws InterruptedException if interrupted while waiting for the file's lock
   * @throws MemoryFaultException if the page lies beyond end of file
   */
  byte[] fault(long pageNo, boolean write) throws InterruptedException;
}
