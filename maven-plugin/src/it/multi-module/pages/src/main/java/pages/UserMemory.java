package pages;

import dev.faultlock.annotations.MayFault;

/** Caller memory: may be a mapping of a file, so touching it may fault. */
public interface UserMemory {
  @MayFault("page")
  void write(byte[] src, int len);
}
