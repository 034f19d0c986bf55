package dev.faultlock.samples.clusterfs;

import java.util.List;
import java.util.Objects;

/** Plain anonymous memory: always present, so it never faults and no copy is ever short. */
public final class HeapMemory implements UserMemory {
  private final byte[] bytes;

  /** A zeroed buffer of {@code length} bytes. */
  public HeapMemory(int length) {
    this.bytes = new byte[length];
  }

  /** A buffer holding a copy of {@code contents}. */
  public HeapMemory(byte[] contents) {
    this.bytes = contents.clone();
  }

  @Override
  public long length() {
    return bytes.length;
  }

  /** A copy of the buffer's contents. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  @Override
  public void write(long offset, byte[] src, int from, int len) {
    System.arraycopy(src, from, bytes, index(offset, len), len);
  }

  @Override
  public void read(long offset, byte[] dst, int to, int len) {
    System.arraycopy(bytes, index(offset, len), dst, to, len);
  }

  @Override
  public int writeNoFault(long offset, byte[] src, int from, int len) {
    write(offset, src, from, len);
    return len;
  }

  @Override
  public int readNoFault(long offset, byte[] dst, int to, int len) {
    read(offset, dst, to, len);
    return len;
  }

  @Override
  public void faultIn(long offset, int len, boolean write) {
    index(offset, len);
  }

  @Override
  public List<Mapping> mappings(long offset, int len) {
    index(offset, len);
    return List.of();
  }

  private int index(long offset, int len) {
    return (int) Objects.checkFromIndexSize(offset, len, (long) bytes.length);
  }
}
