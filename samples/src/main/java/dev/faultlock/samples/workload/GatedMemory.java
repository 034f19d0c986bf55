package dev.faultlock.samples.workload;

import dev.faultlock.annotations.MayFault;
import dev.faultlock.samples.clusterfs.Mapping;
import dev.faultlock.samples.clusterfs.UserMemory;
import java.util.List;

/** A caller's buffer that passes a {@link Gate} before every copy, then copies as its delegate. */
final class GatedMemory implements UserMemory {
  private final UserMemory delegate;
  private final Gate gate;

  GatedMemory(UserMemory delegate, Gate gate) {
    this.delegate = delegate;
    this.gate = gate;
  }

  @Override
  public long length() {
    return delegate.length();
  }

  @Override
  @MayFault("page")
  public void write(long offset, byte[] src, int from, int len) throws InterruptedException {
    gate.pass();
    delegate.write(offset, src, from, len);
  }

  @Override
  @MayFault("page")
  public void read(long offset, byte[] dst, int to, int len) throws InterruptedException {
    gate.pass();
    delegate.read(offset, dst, to, len);
  }

  @Override
  public int writeNoFault(long offset, byte[] src, int from, int len) {
    gate.pass();
    return delegate.writeNoFault(offset, src, from, len);
  }

  @Override
  public int readNoFault(long offset, byte[] dst, int to, int len) {
    gate.pass();
    return delegate.readNoFault(offset, dst, to, len);
  }

  @Override
  @MayFault("page")
  public void faultIn(long offset, int len, boolean write) throws InterruptedException {
    delegate.faultIn(offset, len, write);
  }

  @Override
  public List<Mapping> mappings(long offset, int len) {
    return delegate.mappings(offset, len);
  }
}
