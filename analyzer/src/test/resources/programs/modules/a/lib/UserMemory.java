package lib;

import dev.faultlock.annotations.MayFault;

/** Caller memory, in module A. */
public interface UserMemory {
  @MayFault("page")
  void write(byte[] src);
}
