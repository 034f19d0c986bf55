package dev.faultlock.samples.clusterfs;

import dev.faultlock.annotations.MayFault;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A caller's buffer made of several pieces back to back, like the {@code iovec} array of {@code
 * readv}/{@code writev}, or one address range that spans several mappings. A copy into it may
 * fault on any of the files mapped into it, so a sorted pre-acquisition must collect all of them.
 */
public final class IoVec implements UserMemory {
  private final List<UserMemory> segments;
  private final long length;

  private IoVec(List<UserMemory> segments) {
    this.segments = List.copyOf(segments);
    this.length = this.segments.stream().mapToLong(UserMemory::length).sum();
  }

  /** The buffer made of {@code segments}, in order. */
  public static IoVec of(UserMemory... segments) {
    return new IoVec(List.of(segments));
  }

  @Override
  public long length() {
    return length;
  }

  /** What to do with the piece of a copy that falls in one segment; {@code X} is what it may throw. */
  @FunctionalInterface
  private interface Piece<X extends Exception> {
    /**
     * Copies {@code n} bytes at {@code offset} of {@code segment}, {@code done} bytes into the copy.
     *
     * @return how many bytes it copied
     */
    int copy(UserMemory segment, long offset, int done, int n) throws X;
  }

  @Override
  @MayFault("page")
  public void write(long offset, byte[] src, int from, int len) throws InterruptedException {
    Objects.checkFromIndexSize(from, len, src.length);
    forEachPiece(offset, len, (segment, at, done, n) -> {
      segment.write(at, src, from + done, n);
      return n;
    });
  }

  @Override
  @MayFault("page")
  public void read(long offset, byte[] dst, int to, int len) throws InterruptedException {
    Objects.checkFromIndexSize(to, len, dst.length);
    forEachPiece(offset, len, (segment, at, done, n) -> {
      segment.read(at, dst, to + done, n);
      return n;
    });
  }

  @Override
  public int writeNoFault(long offset, byte[] src, int from, int len) {
    Objects.checkFromIndexSize(from, len, src.length);
    return forEachPiece(offset, len, (segment, at, done, n) -> segment.writeNoFault(at, src, from + done, n));
  }

  @Override
  public int readNoFault(long offset, byte[] dst, int to, int len) {
    Objects.checkFromIndexSize(to, len, dst.length);
    return forEachPiece(offset, len, (segment, at, done, n) -> segment.readNoFault(at, dst, to + done, n));
  }

  @Override
  @MayFault("page")
  public void faultIn(long offset, int len, boolean write) throws InterruptedException {
    forEachPiece(offset, len, (segment, at, done, n) -> {
      segment.faultIn(at, n, write);
      return n;
    });
  }

  @Override
  public List<Mapping> mappings(long offset, int len) {
    Set<Mapping> found = new LinkedHashSet<>();
    forEachPiece(offset, len, (segment, at, done, n) -> {
      found.addAll(segment.mappings(at, n));
      return n;
    });
    return new ArrayList<>(found);
  }

  /**
   * Runs {@code piece} on each segment that {@code [offset, offset + len)} overlaps, in order,
   * until one copies less than asked.
   *
   * @return how many bytes the pieces copied
   */
  private <X extends Exception> int forEachPiece(long offset, int len, Piece<X> piece) throws X {
    Objects.checkFromIndexSize(offset, len, length);
    int done = 0;
    long segmentStart = 0;
    for (UserMemory segment : segments) {
      long segmentEnd = segmentStart + segment.length();
      long at = offset + done;
      if (done < len && at < segmentEnd) {
        int n = (int) Math.min(len - done, segmentEnd - at);
        int copied = piece.copy(segment, at - segmentStart, done, n);
        done += copied;
        if (copied < n) {
          break;
        }
      }
      segmentStart = segmentEnd;
    }
    return done;
  }
}
