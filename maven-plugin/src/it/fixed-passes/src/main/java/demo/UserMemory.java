package demo;

import dev.faultlock.annotations.MayFault;

/** Caller memory: may be a mapping of another file, so touching it may fault. */
public interface UserMemory {
  @MayFault("page")
  void write(byte[] src, int len);

  /** Copies with faults disabled: returns how many bytes were copied before a fault would run. */
  int writeNoFault(byte[] src, int len);

  /** Touches the pages so that a following copy does not fault. */
  @MayFault("page")
  void faultIn(int len);
}
