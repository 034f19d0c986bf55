package demo.buggy;

import dev.faultlock.annotations.MayFault;

/** The caller's memory: writing to it may fault. */
interface UserMemory {
  @MayFault("page")
  void write(int offset, byte[] src, int from, int len);
}
