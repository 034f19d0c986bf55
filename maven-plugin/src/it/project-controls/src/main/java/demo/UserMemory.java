package demo;

import dev.faultlock.annotations.MayFault;

/** Caller memory: may be a mapping of another file, so touching it may fault. */
public interface UserMemory {
  @MayFault("page")
  void write(byte[] src, int len);
}
