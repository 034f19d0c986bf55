package dev.faultlock.samples.clusterfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlock.samples.retry.RetryFile;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IoVecTest {
  private static final int PAGE = Inode.PAGE_SIZE;

  private final ClusterFs fs = new ClusterFs(RetryFile.TYPE);

  @Test
  void copiesAcrossSegmentsInOrder() throws Exception {
    HeapMemory first = new HeapMemory(3);
    HeapMemory second = new HeapMemory(4);
    IoVec vec = IoVec.of(first, second);
    assertThat(vec.length()).isEqualTo(7);

    vec.write(1, new byte[] {9, 1, 2, 3, 4, 5}, 1, 5);

    assertThat(first.toByteArray()).containsExactly(0, 1, 2);
    assertThat(second.toByteArray()).containsExactly(3, 4, 5, 0);
    byte[] back = new byte[7];
    vec.read(0, back, 0, 7);
    assertThat(back).containsExactly(0, 1, 2, 3, 4, 5, 0);
  }

  @Test
  void noFaultCopyStopsAtTheFirstPageNotPresentInAnySegment() throws Exception {
    FileOperations b = fs.create("b", new byte[2 * PAGE]);
    MappedMemory mapB = fs.mmap(b, 0, 2 * PAGE, true);
    HeapMemory heap = new HeapMemory(PAGE);
    IoVec vec = IoVec.of(heap, mapB);
    byte[] src = new byte[3 * PAGE];
    Arrays.fill(src, (byte) 7);

    assertThat(vec.writeNoFault(0, src, 0, 3 * PAGE)).as("heap segment, then a page not present").isEqualTo(PAGE);
    vec.faultIn(PAGE, PAGE, true);
    assertThat(vec.writeNoFault(0, src, 0, 3 * PAGE)).isEqualTo(2 * PAGE);
    assertThat(mapB.faults()).isEqualTo(1);
  }

  @Test
  void listsTheMappingsUnderARange() throws Exception {
    FileOperations b = fs.create("b", new byte[PAGE]);
    FileOperations c = fs.create("c", new byte[PAGE]);
    MappedMemory mapB = fs.mmap(b, 0, PAGE, true);
    MappedMemory mapC = fs.mmap(c, 0, PAGE, false);
    IoVec vec = IoVec.of(mapB, new HeapMemory(10), mapC, fs.mmap(b, 0, PAGE, true));

    assertThat(vec.mappings(0, (int) vec.length()))
        .as("each mapping once, in buffer order")
        .containsExactly(new Mapping(b.inode(), true), new Mapping(c.inode(), false));
    assertThat(vec.mappings(PAGE, 10)).isEmpty();
    assertThat(vec.mappings(PAGE + 5, 10)).containsExactly(new Mapping(c.inode(), false));
    assertThatThrownBy(() -> vec.mappings(1, (int) vec.length())).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
