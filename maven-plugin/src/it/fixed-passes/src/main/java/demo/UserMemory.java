package demo;

import dev.faultlock.annotations.MayFault;

/** Caller memory: may be a mapping of another file, so touching it may fault. */
public interface UserMemory {
  /**
   * Copies {@code src} in. With faults disabled a fault stops the copy short instead.
   *
   * @return how many bytes were copied
   */
  @MayFault("page")
  int write(byte[] src, int len);

  /** Touches the pages so that a following copy does not fault. */
  @MayFault("page")
  void faultIn(int len);
}
