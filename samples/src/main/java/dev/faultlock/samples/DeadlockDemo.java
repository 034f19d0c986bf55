package dev.faultlock.samples;

import dev.faultlock.samples.buggy.BuggyFile;
import dev.faultlock.samples.clusterfs.FileSystemType;
import dev.faultlock.samples.clusterfs.WaitForGraph;
import dev.faultlock.samples.retry.RetryFile;
import dev.faultlock.samples.sorted.SortedFile;
import dev.faultlock.samples.workload.Gate;
import dev.faultlock.samples.workload.RingWorkload;
import dev.faultlock.samples.workload.RingWorkload.Direction;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the post's workload (nodes each copying their own file through a mapping of another file,
 * in a ring) on each variant: two nodes reading, two nodes writing, and three nodes reading into
 * buffers that span mappings of two files. All nodes are held at their first copy until every node
 * has arrived at its own: the schedule in which the buggy variant deadlocks (on sorted they cannot
 * all arrive, so there the meeting gives up after a short while). Prints, for buggy, the wait-for cycle the lock manager found and where each thread is
 * waiting, then tears the threads down; for sorted and retry, that they completed with the right
 * bytes.
 *
 * <p>Returns normally, with no thread left behind, if buggy deadlocked and both fixes completed
 * every time; otherwise throws.
 */
public final class DeadlockDemo {
  /** How long a cycle must stay, with the lock table unchanged, to count as a deadlock. */
  private static final Duration STABLE_FOR = Duration.ofMillis(200);

  /**
   * How long a node waits at its first copy for the others to arrive at theirs, on sorted: there
   * the others cannot arrive, they wait for the locks the first node took before its copy.
   */
  private static final Duration SORTED_PATIENCE = Duration.ofMillis(200);

  /** The bound on every wait: for the nodes to meet (on buggy and retry they all do), end or deadlock. */
  private static final Duration WITHIN = Duration.ofSeconds(10);

  private final PrintStream out;
  private final List<String> failures = new ArrayList<>();

  private DeadlockDemo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws InterruptedException {
    List<String> failures = run(System.out);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("the demo did not go as expected:\n  " + String.join("\n  ", failures));
    }
  }

  /**
   * Runs every variant on every scenario, reporting to {@code out}.
   *
   * @return what did not go as expected; empty if buggy deadlocked and the fixes completed
   */
  static List<String> run(PrintStream out) throws InterruptedException {
    DeadlockDemo demo = new DeadlockDemo(out);
    demo.runAll();
    return List.copyOf(demo.failures);
  }

  /** One run of the workload: how many nodes, how many files each maps, which system call. */
  private record Scenario(int nodes, int mappings, Direction direction) {
    RingWorkload prepare(FileSystemType type) throws InterruptedException {
      Duration patience = type == SortedFile.TYPE ? SORTED_PATIENCE : WITHIN;
      return RingWorkload.prepare(type, direction, nodes, mappings, Gate.rendezvous(nodes, patience), 1);
    }

    @Override
    public String toString() {
      return direction + ", " + nodes + " nodes";
    }
  }

  private void runAll() throws InterruptedException {
    out.println("faultlock deadlock demo: the GFS read/write vs. mmap deadlock");
    out.println("Each node is held at its first copy until every node has got to its own.");
    out.println("buggy: all get there holding their own file's lock, then fault into the next file's.");
    out.println("sorted: a node takes all its locks in inode order before its copy, so the others wait");
    out.println("        for them instead of getting to their copies; the meeting gives up after "
        + SORTED_PATIENCE.toMillis() + " ms.");
    out.println("retry: all get there holding their own file's lock, but copy with faults disabled.");
    List<Scenario> scenarios =
        List.of(new Scenario(2, 1, Direction.READ), new Scenario(2, 1, Direction.WRITE), new Scenario(3, 2, Direction.READ));
    for (Scenario scenario : scenarios) {
      out.println();
      out.println(scenario + ":");
      RingWorkload.nodeNames(scenario.direction(), scenario.nodes(), scenario.mappings())
          .forEach(name -> out.println("  " + name));
      expectDeadlock(BuggyFile.TYPE, scenario);
      expectCompletion(SortedFile.TYPE, scenario);
      expectCompletion(RetryFile.TYPE, scenario);
    }
  }

  private void expectDeadlock(FileSystemType type, Scenario scenario) throws InterruptedException {
    RingWorkload workload = scenario.prepare(type);
    long start = System.nanoTime();
    workload.start(false);
    Optional<List<WaitForGraph.Edge>> cycle;
    try {
      cycle = workload.awaitDeadlock(STABLE_FOR, WITHIN);
      if (cycle.isPresent()) {
        out.printf("  %-6s DEADLOCK: the lock manager's wait-for graph has a cycle, unchanged for %d ms (%d ms after start)%n",
            type.name(), STABLE_FOR.toMillis(), millisSince(start));
        printCycle(cycle.get());
      }
    } finally {
      List<Thread> alive = workload.tearDown(WITHIN);
      if (!alive.isEmpty()) {
        failures.add(type + ", " + scenario + ": threads still alive after interrupt and join: " + alive);
      }
    }
    if (cycle.isEmpty()) {
      failures.add(type + ", " + scenario + ": expected a deadlock, none formed");
      out.printf("  %-6s no deadlock (unexpected)%n", type.name());
      return;
    }
    boolean idle = workload.locks().waitForGraph().isIdle();
    out.printf("    torn down: every node's thread interrupted and joined, lock table %s%n",
        idle ? "empty" : "NOT empty");
    if (!idle) {
      failures.add(type + ", " + scenario + ": locks still held after teardown");
    }
  }

  private void printCycle(List<WaitForGraph.Edge> cycle) {
    for (int i = 0; i < cycle.size(); i++) {
      WaitForGraph.Edge edge = cycle.get(i);
      WaitForGraph.Edge before = cycle.get((i + cycle.size() - 1) % cycle.size());
      out.printf("    \"%s\"%n      holds     %s %s%n      waits for %s %s, held %s by \"%s\"%n",
          edge.waiter().getName(), before.lock(), before.held(), edge.lock(), edge.requested(),
          edge.held(), edge.holder().getName());
      out.printf("      %s in %s%n", edge.waiter().getState(), ourFrames(edge.waiter()));
    }
  }

  /** The thread's stack, innermost first, reduced to the model's own named methods. */
  private static String ourFrames(Thread thread) {
    return Arrays.stream(thread.getStackTrace())
        .filter(f -> f.getClassName().startsWith("dev.faultlock.samples.")
            && !f.getClassName().startsWith("dev.faultlock.samples.workload.")
            && !f.getClassName().contains("$$Lambda")
            && !f.getMethodName().startsWith("lambda$"))
        .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
        .distinct()
        .collect(Collectors.joining(" <- "));
  }

  private void expectCompletion(FileSystemType type, Scenario scenario) throws InterruptedException {
    RingWorkload workload = scenario.prepare(type);
    long start = System.nanoTime();
    workload.start(false);
    boolean completed;
    try {
      completed = workload.awaitCompletion(WITHIN);
    } finally {
      List<Thread> alive = workload.tearDown(WITHIN);
      if (!alive.isEmpty()) {
        failures.add(type + ", " + scenario + ": threads still alive after interrupt and join: " + alive);
      }
    }
    Map<Thread, Throwable> thrown = workload.failures();
    Optional<String> mismatch = completed ? workload.dataMismatch() : Optional.empty();
    List<String> problems = new ArrayList<>();
    if (!completed) {
      problems.add("did not complete within " + WITHIN.toSeconds() + " s");
    }
    if (!workload.cycleSeen().isEmpty()) {
      problems.add("wait-for cycle seen: " + workload.cycleSeen());
    }
    thrown.forEach((thread, e) -> problems.add(thread.getName() + " failed: " + e));
    mismatch.ifPresent(problems::add);
    if (problems.isEmpty()) {
      out.printf("  %-6s completed in %d ms: no wait-for cycle, every file holds the expected bytes%n",
          type.name(), millisSince(start));
    } else {
      out.printf("  %-6s FAILED: %s%n", type.name(), String.join("; ", problems));
      problems.forEach(p -> failures.add(type + ", " + scenario + ": " + p));
    }
  }

  private static long millisSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }
}
