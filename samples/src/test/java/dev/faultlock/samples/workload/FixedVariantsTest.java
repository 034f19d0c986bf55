package dev.faultlock.samples.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.samples.clusterfs.FileSystemType;
import dev.faultlock.samples.clusterfs.InodeLock;
import dev.faultlock.samples.clusterfs.LockManager;
import dev.faultlock.samples.clusterfs.LockMode;
import dev.faultlock.samples.retry.RetryFile;
import dev.faultlock.samples.sorted.SortedFile;
import dev.faultlock.samples.workload.RingWorkload.Direction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workload that deadlocks the buggy variant completes on both fixes, whatever the
 * interleaving, and copies the right bytes.
 */
class FixedVariantsTest {
  private static final Duration WITHIN = Duration.ofSeconds(10);
  private static final int JITTER_RUNS = 40;

  /** Rings of nodes and mappings per node: the post's two files, and three nodes mapping two each. */
  private static final List<int[]> RINGS = List.of(new int[] {2, 1}, new int[] {3, 2});

  static Stream<Arguments> jitterRuns() {
    return Stream.of(SortedFile.TYPE, RetryFile.TYPE)
        .flatMap(type -> Stream.of(Direction.values()).map(direction -> Arguments.of(type, direction)))
        .flatMap(args -> RINGS.stream().map(ring -> Arguments.of(args.get()[0], args.get()[1], ring[0], ring[1])))
        .flatMap(
            args ->
                IntStream.range(0, JITTER_RUNS)
                    .mapToObj(i -> Arguments.of(args.get()[0], args.get()[1], args.get()[2], args.get()[3], i % 2 == 1, (long) i)));
  }

  /** Random pauses before every copy, nodes started in either order. */
  @ParameterizedTest(name = "{0}, {1}, {2} nodes mapping {3} files each, reversed start: {4}, seed {5}")
  @MethodSource("jitterRuns")
  void completesUnderRandomInterleavings(
      FileSystemType type, Direction direction, int nodes, int mappings, boolean reversed, long seed)
      throws Exception {
    RingWorkload workload = RingWorkload.prepare(type, direction, nodes, mappings, Gate.jitter(seed), seed);
    runToCompletion(workload, reversed);
  }

  static Stream<Arguments> schedules() {
    return RINGS.stream()
        .flatMap(ring -> Stream.of(Direction.values()).flatMap(
            direction -> Stream.of(false, true).map(reversed -> Arguments.of(ring[0], ring[1], direction, reversed))));
  }

  /**
   * The buggy variant's deadlocking schedule: each node reaches its first copy while holding its
   * own file's lock, and waits there for the others. Retry survives it: its copy does not fault.
   */
  @ParameterizedTest(name = "{0} nodes mapping {1} files each, {2}, reversed start: {3}")
  @MethodSource("schedules")
  void retrySurvivesTheDeadlockingSchedule(int nodes, int mappings, Direction direction, boolean reversed)
      throws Exception {
    Map<Thread, Map<InodeLock, LockMode>> held =
        runMeetingAtFirstCopy(RetryFile.TYPE, nodes, mappings, direction, reversed, WITHIN);

    // Every node held exactly its own file's lock when they met: the schedule that deadlocks buggy.
    LockMode own = direction == Direction.READ ? LockMode.SHARED : LockMode.EXCLUSIVE;
    held.values().forEach(locks -> assertThat(locks).hasSize(1).containsValue(own));
    assertThat(held.values().stream().flatMap(locks -> locks.keySet().stream()).distinct()).hasSize(nodes);
  }

  /**
   * Sorted cannot be driven into that schedule: a node reaches its copy holding its own lock and
   * those of every file its buffer maps, so a node that needs one of them waits before taking any.
   * The meeting gives up after a short while and lets the first node go on.
   */
  @ParameterizedTest(name = "{0} nodes mapping {1} files each, {2}, reversed start: {3}")
  @MethodSource("schedules")
  void sortedHoldsEveryLockBeforeItsCopy(int nodes, int mappings, Direction direction, boolean reversed)
      throws Exception {
    Map<Thread, Map<InodeLock, LockMode>> held =
        runMeetingAtFirstCopy(SortedFile.TYPE, nodes, mappings, direction, reversed, Duration.ofMillis(50));

    // Own file in the call's mode, the mapped files in the fault's mode: all, before any fault.
    LockMode own = direction == Direction.READ ? LockMode.SHARED : LockMode.EXCLUSIVE;
    LockMode mapped = direction == Direction.READ ? LockMode.EXCLUSIVE : LockMode.SHARED;
    held.values()
        .forEach(
            locks -> {
              assertThat(locks).hasSize(mappings + 1);
              assertThat(locks.values()).containsOnlyOnce(own).filteredOn(mapped::equals).hasSize(mappings);
            });
  }

  /**
   * Runs {@code type} to completion with the nodes meeting at their first copy (waiting at most
   * {@code patience} for each other).
   *
   * @return the locks each node held when it got to its first copy
   */
  private static Map<Thread, Map<InodeLock, LockMode>> runMeetingAtFirstCopy(
      FileSystemType type, int nodes, int mappings, Direction direction, boolean reversed, Duration patience)
      throws Exception {
    Map<Thread, Map<InodeLock, LockMode>> held = new ConcurrentHashMap<>();
    AtomicReference<LockManager> locks = new AtomicReference<>();
    Gate meeting = Gate.rendezvous(nodes, patience);
    Gate recording =
        () -> {
          held.putIfAbsent(Thread.currentThread(), locks.get().waitForGraph().heldBy(Thread.currentThread()));
          meeting.pass();
        };
    RingWorkload workload = RingWorkload.prepare(type, direction, nodes, mappings, recording, 7);
    locks.set(workload.locks());

    runToCompletion(workload, reversed);

    assertThat(held).containsOnlyKeys(workload.workers());
    return held;
  }

  private static void runToCompletion(RingWorkload workload, boolean reversed) throws Exception {
    workload.start(reversed);
    boolean completed;
    try {
      completed = workload.awaitCompletion(WITHIN);
    } finally {
      assertThat(workload.tearDown(WITHIN)).as("workers alive after teardown").isEmpty();
    }
    assertThat(completed).as(workload.type() + " completed").isTrue();
    assertThat(workload.cycleSeen()).as("wait-for cycle seen while running").isEmpty();
    assertThat(workload.failures()).isEmpty();
    assertThat(workload.dataMismatch()).isEmpty();
    assertThat(workload.locks().waitForGraph().isIdle()).isTrue();
  }
}
