package demo.mem;

import dev.faultlock.annotations.MayFault;

/** The caller's memory: writing to it may fault. */
public interface UserMemory {
  @MayFault("page")
  void write(int offset, byte[] src, int from, int len);
}
