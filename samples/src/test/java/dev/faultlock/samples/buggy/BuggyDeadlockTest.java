package dev.faultlock.samples.buggy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.samples.clusterfs.LockMode;
import dev.faultlock.samples.clusterfs.WaitForGraph;
import dev.faultlock.samples.workload.Gate;
import dev.faultlock.samples.workload.RingWorkload;
import dev.faultlock.samples.workload.RingWorkload.Direction;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GFS deadlock is real: with both nodes holding their own file's lock before their copy
 * faults, the buggy variant deadlocks every time, in both directions and whichever node starts
 * first. The deadlock is read from the lock manager's wait-for graph, checked against the threads'
 * own states and stacks, and then torn down.
 */
class BuggyDeadlockTest {
  private static final Duration STABLE_FOR = Duration.ofMillis(100);
  private static final Duration WITHIN = Duration.ofSeconds(10);

  /** The post's two files, then rings of three nodes mapping one or two files each. */
  static Stream<Arguments> runs() {
    Stream<Arguments> rings =
        Stream.of(Arguments.of(2, 1), Arguments.of(2, 1), Arguments.of(2, 1), Arguments.of(3, 1), Arguments.of(3, 2));
    return rings.flatMap(
        ring ->
            Stream.of(Direction.values())
                .flatMap(d -> IntStream.range(0, 2).mapToObj(
                    i -> Arguments.of(ring.get()[0], ring.get()[1], d, i % 2 == 1, (long) i))));
  }

  @ParameterizedTest(name = "{0} nodes mapping {1} files each, {2}, reversed start: {3}, seed {4}")
  @MethodSource("runs")
  void deadlocksEveryRun(int nodes, int mappings, Direction direction, boolean reversed, long seed)
      throws Exception {
    RingWorkload workload =
        RingWorkload.prepare(BuggyFile.TYPE, direction, nodes, mappings, Gate.rendezvous(nodes, WITHIN), seed);
    List<Thread> workers = workload.workers();
    workload.start(reversed);
    try {
      Optional<List<WaitForGraph.Edge>> deadlock = workload.awaitDeadlock(STABLE_FOR, WITHIN);

      assertThat(deadlock).as("wait-for cycle in the lock manager").isPresent();
      List<WaitForGraph.Edge> cycle = deadlock.get();
      assertThat(cycle).as("one edge per node: each waits for the next").hasSize(nodes);
      assertThat(cycle).extracting(WaitForGraph.Edge::waiter).containsExactlyInAnyOrderElementsOf(workers);
      LockMode held = direction == Direction.READ ? LockMode.SHARED : LockMode.EXCLUSIVE;
      LockMode wanted = direction == Direction.READ ? LockMode.EXCLUSIVE : LockMode.SHARED;
      WaitForGraph graph = workload.locks().waitForGraph();
      for (int i = 0; i < cycle.size(); i++) {
        WaitForGraph.Edge edge = cycle.get(i);
        WaitForGraph.Edge previous = cycle.get((i + cycle.size() - 1) % cycle.size());
        WaitForGraph.Edge next = cycle.get((i + 1) % cycle.size());
        assertThat(edge.holder()).isEqualTo(next.waiter());
        assertThat(edge.requested()).isEqualTo(wanted);
        assertThat(edge.held()).isEqualTo(held);
        // Each waits for a lock the next holds, and holds the lock the one before waits for.
        assertThat(edge.lock()).isNotEqualTo(previous.lock());
        assertThat(graph.heldBy(edge.waiter())).containsExactlyEntriesOf(Map.of(previous.lock(), held));
        assertThat(graph.heldBy(edge.holder())).containsEntry(edge.lock(), held);
      }

      // The JVM agrees: both threads are parked in the lock manager, inside the fault handler,
      // inside the file operation that took the first lock.
      for (Thread worker : workers) {
        assertThat(worker.getState()).isEqualTo(Thread.State.WAITING);
        List<String> frames =
            Arrays.stream(worker.getStackTrace())
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .toList();
        String operation = direction == Direction.READ ? "BuggyFile.read" : "BuggyFile.write";
        assertThat(frames)
            .containsSubsequence(
                wanted == LockMode.EXCLUSIVE ? "LockManager.lockExclusive" : "LockManager.lockShared",
                "BuggyFile.fault",
                "MappedMemory." + (direction == Direction.READ ? "write" : "read"),
                operation);
      }
    } finally {
      List<Thread> alive = workload.tearDown(WITHIN);
      assertThat(alive).as("workers alive after interrupt and join").isEmpty();
    }
    assertThat(workers).noneMatch(Thread::isAlive);
    assertThat(workload.locks().waitForGraph().isIdle()).as("lock table empty after teardown").isTrue();
    assertThat(Thread.getAllStackTraces().keySet()).doesNotContainAnyElementsOf(workers);
  }
}
