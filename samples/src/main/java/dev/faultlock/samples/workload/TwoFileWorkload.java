package dev.faultlock.samples.workload;

import dev.faultlock.samples.clusterfs.ClusterFs;
import dev.faultlock.samples.clusterfs.FileOperations;
import dev.faultlock.samples.clusterfs.FileSystemType;
import dev.faultlock.samples.clusterfs.HeapMemory;
import dev.faultlock.samples.clusterfs.Inode;
import dev.faultlock.samples.clusterfs.LockManager;
import dev.faultlock.samples.clusterfs.UserMemory;
import dev.faultlock.samples.clusterfs.WaitForGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The post's two-node, two-file workload. Files {@code a} and {@code b} each have a source half
 * and a target half. Node 1 copies a's source half into b's target half through a mapping of b,
 * node 2 copies b's source half into a's target half through a mapping of a:
 *
 * <ul>
 *   <li>{@link Direction#READ}: {@code read(a)} into a writable mapping of b, and {@code read(b)}
 *       into a writable mapping of a. Each holds its file shared and write-faults on the other
 *       file, which needs it exclusive.
 *   <li>{@link Direction#WRITE}: {@code write(b)} from a read-only mapping of a, and {@code
 *       write(a)} from a read-only mapping of b. Each holds its file exclusive and read-faults on
 *       the other file, which needs it shared.
 * </ul>
 *
 * <p>The halves are disjoint pages, so the expected contents do not depend on the interleaving;
 * the lock modes conflict anyway, because a DLM lock covers the whole file.
 */
public final class TwoFileWorkload {
  /** Which system call both nodes make. */
  public enum Direction {
    READ("read(%s) into a writable mmap of %s"),
    WRITE("write(%s) from a read-only mmap of %s");

    private final String pattern;

    Direction(String pattern) {
      this.pattern = pattern;
    }

    /** What a node does, for file {@code self} and the other file {@code other}. */
    public String describe(String self, String other) {
      return String.format(pattern, self, other);
    }
  }

  /** Pages in each half of a file. */
  static final int HALF_PAGES = 3;

  static final int HALF = HALF_PAGES * Inode.PAGE_SIZE;

  /** Copies start this far into a page, so they cross page boundaries mid-page. */
  static final int SHIFT = 100;

  /** Bytes each node copies. */
  static final int LEN = HALF - SHIFT;

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final ClusterFs fs;
  private final Direction direction;
  private final Map<String, byte[]> expected = new LinkedHashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private final Map<Thread, Throwable> failures = Collections.synchronizedMap(new LinkedHashMap<>());
  private List<WaitForGraph.Edge> cycleSeen = List.of();

  private TwoFileWorkload(ClusterFs fs, Direction direction) {
    this.fs = fs;
    this.direction = direction;
  }

  /**
   * Creates files {@code a} and {@code b} (random contents from {@code seed}) on a fresh
   * filesystem of {@code type}, and two workers, not started, that pass {@code gate} before each
   * copy.
   */
  public static TwoFileWorkload prepare(FileSystemType type, Direction direction, Gate gate, long seed)
      throws InterruptedException {
    TwoFileWorkload workload = new TwoFileWorkload(new ClusterFs(type), direction);
    Random random = new Random(seed);
    byte[] a = new byte[2 * HALF];
    byte[] b = new byte[2 * HALF];
    random.nextBytes(a);
    random.nextBytes(b);
    workload.fs.create("a", a);
    workload.fs.create("b", b);
    workload.expected.put("a", a.clone());
    workload.expected.put("b", b.clone());
    workload.addWorker(1, "a", "b", gate);
    workload.addWorker(2, "b", "a", gate);
    return workload;
  }

  private void addWorker(int node, String self, String other, Gate gate) {
    FileOperations selfFile = fs.open(self);
    FileOperations otherFile = fs.open(other);
    Runnable copy;
    if (direction == Direction.READ) {
      // self's source half lands in other's target half.
      UserMemory dst = new GatedMemory(fs.mmap(otherFile, HALF, HALF, true), gate);
      System.arraycopy(expected.get(self), SHIFT, expected.get(other), HALF, LEN);
      copy = () -> run(() -> selfFile.read(SHIFT, dst, LEN));
    } else {
      // other's source half lands in self's target half.
      UserMemory src = new GatedMemory(fs.mmap(otherFile, 0, HALF, false), gate);
      System.arraycopy(expected.get(other), 0, expected.get(self), HALF + SHIFT, LEN);
      copy = () -> run(() -> selfFile.write(HALF + SHIFT, src, LEN));
    }
    Thread worker = new Thread(copy, "node-" + node + " " + direction.describe(self, other));
    worker.setDaemon(true);
    workers.add(worker);
  }

  @FunctionalInterface
  private interface Copy {
    int copy() throws Exception;
  }

  private void run(Copy copy) {
    try {
      int copied = copy.copy();
      if (copied != LEN) {
        failures.put(Thread.currentThread(), new AssertionError("copied " + copied + " of " + LEN));
      }
    } catch (Exception e) {
      failures.put(Thread.currentThread(), e);
    }
  }

  /** Starts both workers, node 1 first unless {@code node2First}. */
  public void start(boolean node2First) {
    List<Thread> order = new ArrayList<>(workers);
    if (node2First) {
      Collections.reverse(order);
    }
    order.forEach(Thread::start);
  }

  /** The two workers, node 1 first. */
  public List<Thread> workers() {
    return List.copyOf(workers);
  }

  /** The filesystem's lock manager. */
  public LockManager locks() {
    return fs.locks();
  }

  /** The variant the workload runs on. */
  public FileSystemType type() {
    return fs.type();
  }

  /**
   * Waits until the lock manager's wait-for graph has a cycle through the workers that stays, with
   * no grant, release or new wait anywhere in the lock table, for {@code stableFor}.
   *
   * @return the cycle, or empty if none formed and held still within {@code within}, or every
   *     worker ended first
   */
  public Optional<List<WaitForGraph.Edge>> awaitDeadlock(Duration stableFor, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<WaitForGraph.Edge> candidate = null;
    long candidateVersion = -1;
    long candidateSince = 0;
    while (System.nanoTime() - deadline < 0 && workers.stream().anyMatch(Thread::isAlive)) {
      WaitForGraph graph = locks().waitForGraph();
      Optional<List<WaitForGraph.Edge>> cycle = workerCycle(graph);
      long now = System.nanoTime();
      if (cycle.isEmpty()) {
        candidate = null;
      } else if (candidate == null || graph.version() != candidateVersion) {
        candidate = cycle.get();
        candidateVersion = graph.version();
        candidateSince = now;
      } else if (now - candidateSince >= stableFor.toNanos()) {
        return Optional.of(candidate);
      }
      TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
    }
    return Optional.empty();
  }

  /**
   * Waits until both workers have ended, looking at the wait-for graph meanwhile; see {@link
   * #cycleSeen()}.
   *
   * @return whether both ended within {@code within}
   */
  public boolean awaitCompletion(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (workers.stream().anyMatch(Thread::isAlive)) {
      if (cycleSeen.isEmpty()) {
        cycleSeen = workerCycle(locks().waitForGraph()).orElse(List.of());
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
    }
    return true;
  }

  /** A wait-for cycle through the workers seen by {@link #awaitCompletion}; empty if none was. */
  public List<WaitForGraph.Edge> cycleSeen() {
    return cycleSeen;
  }

  /**
   * Interrupts both workers and waits up to {@code within} for them to end.
   *
   * @return the workers still alive afterwards
   */
  public List<Thread> tearDown(Duration within) throws InterruptedException {
    workers.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + within.toNanos();
    for (Thread worker : workers) {
      TimeUnit.NANOSECONDS.timedJoin(worker, Math.max(1, deadline - System.nanoTime()));
    }
    return workers.stream().filter(Thread::isAlive).toList();
  }

  /** What each worker threw, or the short count it returned; empty if all copied in full. */
  public Map<Thread, Throwable> failures() {
    synchronized (failures) {
      return new LinkedHashMap<>(failures);
    }
  }

  /**
   * Reads both files back and compares them with what the two copies must have produced.
   *
   * @return where the first difference lies, or empty if both files are as expected
   */
  public Optional<String> dataMismatch() throws InterruptedException {
    for (Map.Entry<String, byte[]> file : expected.entrySet()) {
      byte[] want = file.getValue();
      HeapMemory got = new HeapMemory(want.length + 1);
      int n = fs.open(file.getKey()).read(0, got, want.length + 1);
      if (n != want.length) {
        return Optional.of(file.getKey() + " has " + n + " bytes, expected " + want.length);
      }
      byte[] bytes = got.toByteArray();
      for (int i = 0; i < want.length; i++) {
        if (bytes[i] != want[i]) {
          return Optional.of(
              file.getKey() + " differs at byte " + i + ": " + bytes[i] + ", expected " + want[i]);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<List<WaitForGraph.Edge>> workerCycle(WaitForGraph graph) {
    return graph.cycles().stream()
        .filter(cycle -> cycle.stream().allMatch(edge -> workers.contains(edge.waiter())))
        .findFirst();
  }
}
