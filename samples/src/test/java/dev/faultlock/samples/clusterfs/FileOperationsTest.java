package dev.faultlock.samples.clusterfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlock.samples.buggy.BuggyFile;
import dev.faultlock.samples.retry.RetryFile;
import dev.faultlock.samples.sorted.SortedFile;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** read/write semantics, the same for every variant when one thread runs alone. */
class FileOperationsTest {
  private static final int PAGE = Inode.PAGE_SIZE;

  static Stream<FileSystemType> variants() {
    return Stream.of(BuggyFile.TYPE, SortedFile.TYPE, RetryFile.TYPE);
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] contents(FileOperations file, int max) throws InterruptedException {
    HeapMemory buf = new HeapMemory(max);
    int n = file.read(0, buf, max);
    return Arrays.copyOf(buf.toByteArray(), n);
  }

  @ParameterizedTest
  @MethodSource("variants")
  void readsWhatWasWrittenAndStopsAtEndOfFile(FileSystemType type) throws Exception {
    ClusterFs fs = new ClusterFs(type);
    byte[] data = random(2 * PAGE + 300, 1);
    FileOperations file = fs.create("f", data);

    HeapMemory buf = new HeapMemory(PAGE);
    assertThat(file.read(PAGE - 10, buf, PAGE)).isEqualTo(PAGE);
    assertThat(buf.toByteArray()).isEqualTo(Arrays.copyOfRange(data, PAGE - 10, 2 * PAGE - 10));
    assertThat(file.read(2 * PAGE, buf, PAGE)).as("short read at end of file").isEqualTo(300);
    assertThat(file.read(data.length, buf, PAGE)).isZero();
    assertThat(file.read(data.length + 5000, buf, PAGE)).isZero();
    assertThat(fs.locks().waitForGraph().isIdle()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void writesPastEndOfFileLeaveAZeroHole(FileSystemType type) throws Exception {
    ClusterFs fs = new ClusterFs(type);
    FileOperations file = fs.create("f", new byte[] {1, 2, 3});

    assertThat(file.write(PAGE + 5, new HeapMemory(new byte[] {9, 9}), 2)).isEqualTo(2);

    byte[] expected = new byte[PAGE + 7];
    expected[0] = 1;
    expected[1] = 2;
    expected[2] = 3;
    expected[PAGE + 5] = 9;
    expected[PAGE + 6] = 9;
    assertThat(contents(file, 3 * PAGE)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("variants")
  void readIntoAMappingOfAnotherFileWritesThatFile(FileSystemType type) throws Exception {
    ClusterFs fs = new ClusterFs(type);
    byte[] a = random(3 * PAGE, 2);
    FileOperations fileA = fs.create("a", a);
    FileOperations fileB = fs.create("b", new byte[4 * PAGE]);
    MappedMemory mapB = fs.mmap(fileB, PAGE, 3 * PAGE, true);

    assertThat(fileA.read(50, mapB, 2 * PAGE)).isEqualTo(2 * PAGE);

    byte[] expectedB = new byte[4 * PAGE];
    System.arraycopy(a, 50, expectedB, PAGE, 2 * PAGE);
    assertThat(contents(fileB, 5 * PAGE)).isEqualTo(expectedB);
    assertThat(mapB.faults()).as("one fault per page touched").isEqualTo(2);
    assertThat(fs.locks().waitForGraph().isIdle()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void writeFromAMappingOfAnotherFileCopiesThatFile(FileSystemType type) throws Exception {
    ClusterFs fs = new ClusterFs(type);
    byte[] b = random(2 * PAGE, 3);
    FileOperations fileA = fs.create("a");
    FileOperations fileB = fs.create("b", b);
    MappedMemory mapB = fs.mmap(fileB, 0, 2 * PAGE, false);

    assertThat(fileA.write(0, mapB, 2 * PAGE)).isEqualTo(2 * PAGE);

    assertThat(contents(fileA, 3 * PAGE)).isEqualTo(b);
    assertThat(mapB.faults()).isEqualTo(2);
  }

  /** The buffer spans mappings of two files and plain memory: sorted must lock both files. */
  @ParameterizedTest
  @MethodSource("variants")
  void readIntoABufferSpanningMappingsOfTwoFiles(FileSystemType type) throws Exception {
    ClusterFs fs = new ClusterFs(type);
    byte[] a = random(3 * PAGE, 7);
    FileOperations fileA = fs.create("a", a);
    FileOperations fileB = fs.create("b", new byte[PAGE]);
    FileOperations fileC = fs.create("c", new byte[PAGE]);
    HeapMemory heap = new HeapMemory(PAGE);
    IoVec buffer = IoVec.of(fs.mmap(fileC, 0, PAGE, true), heap, fs.mmap(fileB, 0, PAGE, true));

    assertThat(fileA.read(0, buffer, 3 * PAGE)).isEqualTo(3 * PAGE);

    assertThat(contents(fileC, 2 * PAGE)).isEqualTo(Arrays.copyOfRange(a, 0, PAGE));
    assertThat(heap.toByteArray()).isEqualTo(Arrays.copyOfRange(a, PAGE, 2 * PAGE));
    assertThat(contents(fileB, 2 * PAGE)).isEqualTo(Arrays.copyOfRange(a, 2 * PAGE, 3 * PAGE));
    assertThat(fs.locks().waitForGraph().isIdle()).isTrue();
  }

  /** The buffer maps the file being read: one thread needs the same lock shared and exclusive. */
  @ParameterizedTest
  @MethodSource("variants")
  void readIntoAMappingOfTheSameFile(FileSystemType type) throws Exception {
    ClusterFs fs = new ClusterFs(type);
    byte[] data = random(2 * PAGE, 4);
    FileOperations file = fs.create("f", data);

    assertThat(file.read(0, fs.mmap(file, PAGE, PAGE, true), PAGE)).isEqualTo(PAGE);

    byte[] expected = data.clone();
    System.arraycopy(data, 0, expected, PAGE, PAGE);
    assertThat(contents(file, 3 * PAGE)).isEqualTo(expected);
    assertThat(fs.locks().waitForGraph().isIdle()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void readIntoAReadOnlyMappingIsASegmentationFault(FileSystemType type) throws Exception {
    ClusterFs fs = new ClusterFs(type);
    FileOperations fileA = fs.create("a", random(PAGE, 5));
    FileOperations fileB = fs.create("b", new byte[PAGE]);

    assertThatThrownBy(() -> fileA.read(0, fs.mmap(fileB, 0, PAGE, false), PAGE))
        .isInstanceOf(MemoryFaultException.class)
        .hasMessageContaining("read-only mapping of b");
    assertThat(fs.locks().waitForGraph().isIdle()).as("locks released on the way out").isTrue();
    assertThat(contents(fileB, 2 * PAGE)).isEqualTo(new byte[PAGE]);
  }

  @ParameterizedTest
  @MethodSource("variants")
  void touchingAMappingBeyondEndOfFileIsABusError(FileSystemType type) throws Exception {
    ClusterFs fs = new ClusterFs(type);
    FileOperations fileA = fs.create("a", random(2 * PAGE, 6));
    FileOperations fileB = fs.create("b", new byte[PAGE]);
    MappedMemory mapB = fs.mmap(fileB, 0, 2 * PAGE, true);

    assertThatThrownBy(() -> fileA.read(0, mapB, 2 * PAGE))
        .isInstanceOf(MemoryFaultException.class)
        .hasMessageContaining("page 1 of b lies beyond end of file");
    assertThat(fs.locks().waitForGraph().isIdle()).isTrue();
  }
}
