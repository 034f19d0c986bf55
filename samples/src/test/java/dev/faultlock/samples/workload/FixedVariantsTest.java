package dev.faultlock.samples.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.samples.clusterfs.FileSystemType;
import dev.faultlock.samples.clusterfs.InodeLock;
import dev.faultlock.samples.clusterfs.LockManager;
import dev.faultlock.samples.clusterfs.LockMode;
import dev.faultlock.samples.retry.RetryFile;
import dev.faultlock.samples.sorted.SortedFile;
import dev.faultlock.samples.workload.TwoFileWorkload.Direction;
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

  static Stream<Arguments> jitterRuns() {
    return Stream.of(SortedFile.TYPE, RetryFile.TYPE)
        .flatMap(type -> Stream.of(Direction.values()).map(direction -> Arguments.of(type, direction)))
        .flatMap(
            args ->
                IntStream.range(0, JITTER_RUNS)
                    .mapToObj(i -> Arguments.of(args.get()[0], args.get()[1], i % 2 == 1, (long) i)));
  }

  /** Random yields and pauses before every copy, either node started first. */
  @ParameterizedTest(name = "{0}, {1}, node 2 first: {2}, seed {3}")
  @MethodSource("jitterRuns")
  void completesUnderRandomInterleavings(
      FileSystemType type, Direction direction, boolean node2First, long seed) throws Exception {
    TwoFileWorkload workload = TwoFileWorkload.prepare(type, direction, Gate.jitter(seed), seed);
    runToCompletion(workload, node2First);
  }

  static Stream<Arguments> schedules() {
    return Stream.of(Direction.values())
        .flatMap(direction -> Stream.of(Arguments.of(direction, false), Arguments.of(direction, true)));
  }

  /**
   * The buggy variant's deadlocking schedule: each node reaches its first copy while holding its
   * own file's lock, and waits there for the other. Retry survives it: its copy does not fault.
   */
  @ParameterizedTest(name = "{0}, node 2 first: {1}")
  @MethodSource("schedules")
  void retrySurvivesTheDeadlockingSchedule(Direction direction, boolean node2First) throws Exception {
    Map<Thread, Map<InodeLock, LockMode>> heldAtFirstCopy = new ConcurrentHashMap<>();
    AtomicReference<LockManager> locks = new AtomicReference<>();
    Gate rendezvous = Gate.rendezvous(2, WITHIN);
    Gate recording =
        () -> {
          heldAtFirstCopy.putIfAbsent(Thread.currentThread(), locks.get().waitForGraph().heldBy(Thread.currentThread()));
          rendezvous.pass();
        };
    TwoFileWorkload workload = TwoFileWorkload.prepare(RetryFile.TYPE, direction, recording, 7);
    locks.set(workload.locks());

    runToCompletion(workload, node2First);

    // Both nodes held exactly their own file's lock when they met: the schedule that deadlocks buggy.
    LockMode own = direction == Direction.READ ? LockMode.SHARED : LockMode.EXCLUSIVE;
    assertThat(heldAtFirstCopy).containsOnlyKeys(workload.workers());
    heldAtFirstCopy.values().forEach(held -> assertThat(held).hasSize(1).containsValue(own));
    assertThat(heldAtFirstCopy.values().stream().flatMap(h -> h.keySet().stream()).distinct()).hasSize(2);
  }

  /**
   * Sorted cannot be driven into that schedule: a node reaches its copy holding both locks, so the
   * other waits before taking any. The rendezvous gives up after a short while and lets it go on.
   */
  @ParameterizedTest(name = "{0}, node 2 first: {1}")
  @MethodSource("schedules")
  void sortedHoldsEveryLockBeforeItsCopy(Direction direction, boolean node2First) throws Exception {
    Map<Thread, Map<InodeLock, LockMode>> heldAtFirstCopy = new ConcurrentHashMap<>();
    AtomicReference<LockManager> locks = new AtomicReference<>();
    Gate rendezvous = Gate.rendezvous(2, Duration.ofMillis(50));
    Gate recording =
        () -> {
          heldAtFirstCopy.putIfAbsent(Thread.currentThread(), locks.get().waitForGraph().heldBy(Thread.currentThread()));
          rendezvous.pass();
        };
    TwoFileWorkload workload = TwoFileWorkload.prepare(SortedFile.TYPE, direction, recording, 11);
    locks.set(workload.locks());

    runToCompletion(workload, node2First);

    // Own file in the call's mode, the mapped file in the fault's mode: both, before any fault.
    LockMode own = direction == Direction.READ ? LockMode.SHARED : LockMode.EXCLUSIVE;
    LockMode mapped = direction == Direction.READ ? LockMode.EXCLUSIVE : LockMode.SHARED;
    assertThat(heldAtFirstCopy).containsOnlyKeys(workload.workers());
    heldAtFirstCopy.values().forEach(held -> assertThat(held.values()).containsExactlyInAnyOrder(own, mapped));
  }

  private static void runToCompletion(TwoFileWorkload workload, boolean node2First) throws Exception {
    workload.start(node2First);
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
