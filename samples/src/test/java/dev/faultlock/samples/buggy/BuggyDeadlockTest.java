package dev.faultlock.samples.buggy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.samples.clusterfs.LockMode;
import dev.faultlock.samples.clusterfs.WaitForGraph;
import dev.faultlock.samples.workload.Gate;
import dev.faultlock.samples.workload.TwoFileWorkload;
import dev.faultlock.samples.workload.TwoFileWorkload.Direction;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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

  static Stream<Arguments> runs() {
    return Stream.of(Direction.values())
        .flatMap(d -> IntStream.range(0, 6).mapToObj(i -> Arguments.of(d, i % 2 == 1, (long) i)));
  }

  @ParameterizedTest(name = "{0}, node 2 first: {1}, seed {2}")
  @MethodSource("runs")
  void deadlocksEveryRun(Direction direction, boolean node2First, long seed) throws Exception {
    TwoFileWorkload workload =
        TwoFileWorkload.prepare(BuggyFile.TYPE, direction, Gate.rendezvous(2, WITHIN), seed);
    List<Thread> workers = workload.workers();
    workload.start(node2First);
    try {
      Optional<List<WaitForGraph.Edge>> deadlock = workload.awaitDeadlock(STABLE_FOR, WITHIN);

      assertThat(deadlock).as("wait-for cycle in the lock manager").isPresent();
      List<WaitForGraph.Edge> cycle = deadlock.get();
      assertThat(cycle).hasSize(2);
      assertThat(cycle).extracting(WaitForGraph.Edge::waiter).containsExactlyInAnyOrderElementsOf(workers);
      LockMode held = direction == Direction.READ ? LockMode.SHARED : LockMode.EXCLUSIVE;
      LockMode wanted = direction == Direction.READ ? LockMode.EXCLUSIVE : LockMode.SHARED;
      for (int i = 0; i < cycle.size(); i++) {
        WaitForGraph.Edge edge = cycle.get(i);
        WaitForGraph.Edge next = cycle.get((i + 1) % cycle.size());
        assertThat(edge.holder()).isEqualTo(next.waiter());
        assertThat(edge.requested()).isEqualTo(wanted);
        assertThat(edge.held()).isEqualTo(held);
        // Each waits for a lock the other holds, and holds the lock the other waits for.
        assertThat(edge.lock()).isNotEqualTo(next.lock());
        WaitForGraph graph = workload.locks().waitForGraph();
        assertThat(graph.heldBy(edge.waiter())).containsEntry(next.lock(), held);
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
