package fault;

import dev.faultlock.annotations.MayFault;

/** Caller memory: a copy into it may fault on a mapping of another file. */
interface UserMemory {
  @MayFault("page")
  void write(long offset, byte[] src, int from, int len);
}
