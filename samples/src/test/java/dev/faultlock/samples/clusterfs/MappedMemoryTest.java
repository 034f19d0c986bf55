package dev.faultlock.samples.clusterfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MappedMemoryTest {
  private static final int PAGE = Inode.PAGE_SIZE;

  /** Every fault, as (page, write); the pages are a real inode's, allocated three pages long. */
  private final List<String> faults = new ArrayList<>();
  private final LockManager locks = new LockManager();
  private final Inode inode = new Inode(7, "m");
  private final PageSource source =
      (pageNo, write) -> {
        faults.add(pageNo + (write ? "w" : "r"));
        locks.lockExclusive(inode.lock());
        try {
          return inode.pageForFault(pageNo);
        } finally {
          locks.unlock(inode.lock());
        }
      };

  @BeforeEach
  void allocate() throws InterruptedException {
    locks.lockExclusive(inode.lock());
    try {
      inode.extendTo(3 * PAGE);
      inode.page(1)[10] = 42;
    } finally {
      locks.unlock(inode.lock());
    }
  }

  @Test
  void faultsEachPageOnceAndSharesThePageCache() throws Exception {
    MappedMemory map = new MappedMemory(source, inode, PAGE, 2 * PAGE, true);
    byte[] buf = new byte[PAGE + 20];

    map.read(PAGE - 10, buf, 0, 20);
    map.read(0, buf, 0, PAGE + 20);

    assertThat(faults).containsExactly("1r", "2r");
    assertThat(buf[10]).isEqualTo((byte) 42);
    assertThat(map.faults()).isEqualTo(2);

    map.write(11, new byte[] {7}, 0, 1);
    assertThat(faults).as("a read-only mapped page faults again for writing").containsExactly("1r", "2r", "1w");
    assertThat(inode.page(1)[11]).as("written straight into the page cache").isEqualTo((byte) 7);
  }

  @Test
  void noFaultCopiesStopAtTheFirstPageNotPresent() throws Exception {
    MappedMemory map = new MappedMemory(source, inode, 0, 3 * PAGE, true);
    byte[] src = new byte[3 * PAGE];

    assertThat(map.writeNoFault(0, src, 0, src.length)).isZero();
    map.faultIn(0, PAGE + 1, true);
    assertThat(faults).containsExactly("0w", "1w");
    assertThat(map.writeNoFault(100, src, 0, 2 * PAGE)).isEqualTo(2 * PAGE - 100);
    assertThat(map.readNoFault(0, new byte[3 * PAGE], 0, 3 * PAGE)).isEqualTo(2 * PAGE);
    assertThat(faults).as("no-fault copies never fault").hasSize(2);
  }

  @Test
  void readFaultedPagesAreNotWritableWithoutAFault() throws Exception {
    MappedMemory map = new MappedMemory(source, inode, 0, PAGE, true);
    map.faultIn(0, PAGE, false);

    assertThat(map.readNoFault(0, new byte[PAGE], 0, PAGE)).isEqualTo(PAGE);
    assertThat(map.writeNoFault(0, new byte[PAGE], 0, PAGE)).isZero();
  }

  @Test
  void reportsItsMapping() {
    MappedMemory map = new MappedMemory(source, inode, 0, PAGE, false);

    assertThat(map.mappings(0, PAGE)).containsExactly(new Mapping(inode, false));
    assertThat(map.mappings(0, 0)).isEmpty();
    assertThatThrownBy(() -> map.mappings(1, PAGE)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void rejectsUnalignedOffsetsAndCopiesOutsideTheMapping() {
    assertThatThrownBy(() -> new MappedMemory(source, inode, 10, PAGE, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not page-aligned");
    MappedMemory map = new MappedMemory(source, inode, 0, PAGE, true);
    assertThatThrownBy(() -> map.write(PAGE - 1, new byte[2], 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(faults).isEmpty();
  }

  @Test
  void plainMemoryNeverFaultsOrShortCopies() throws Exception {
    HeapMemory heap = new HeapMemory(new byte[] {1, 2, 3});
    byte[] out = new byte[3];

    assertThat(heap.readNoFault(0, out, 0, 3)).isEqualTo(3);
    assertThat(heap.writeNoFault(1, new byte[] {9}, 0, 1)).isEqualTo(1);
    assertThat(heap.toByteArray()).containsExactly(1, 9, 3);
    assertThat(heap.mappings(0, 3)).isEmpty();
  }
}
