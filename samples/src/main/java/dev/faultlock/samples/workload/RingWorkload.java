package dev.faultlock.samples.workload;

import dev.faultlock.samples.clusterfs.ClusterFs;
import dev.faultlock.samples.clusterfs.FileOperations;
import dev.faultlock.samples.clusterfs.FileSystemType;
import dev.faultlock.samples.clusterfs.HeapMemory;
import dev.faultlock.samples.clusterfs.Inode;
import dev.faultlock.samples.clusterfs.IoVec;
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
 * The post's workload: nodes that each copy their own file through mappings of other files, in a
 * ring. With two nodes (the post's case), node 1 works on file {@code a} through a mapping of
 * {@code b} and node 2 on {@code b} through a mapping of {@code a}. With {@code n} nodes and
 * {@code m} mappings each, node {@code i} works on file {@code i} through a buffer made of
 * mappings of the {@code m} files after it ({@link IoVec}).
 *
 * <p>Every file has a source half and a target half. The target half is cut in {@code m} parts,
 * each filled by a different node:
 *
 * <ul>
 *   <li>{@link Direction#READ}: node {@code i} reads its file's source half into writable mappings
 *       of the next files' target parts. It holds its file shared and write-faults on the next
 *       file, which needs that file exclusive.
 *   <li>{@link Direction#WRITE}: node {@code i} writes into its file's target half from read-only
 *       mappings of the next files' source parts. It holds its file exclusive and read-faults on
 *       the next file, which needs it shared.
 * </ul>
 *
 * <p>Sources and targets are disjoint pages, so the expected contents do not depend on the
 * interleaving; the lock modes conflict anyway, because a DLM lock covers the whole file.
 */
public final class RingWorkload {
  /** Which system call every node makes. */
  public enum Direction {
    READ("read(%s) into %s of %s", "a writable mmap", "writable mmaps"),
    WRITE("write(%s) from %s of %s", "a read-only mmap", "read-only mmaps");

    private final String pattern;
    private final String oneMapping;
    private final String mappings;

    Direction(String pattern, String oneMapping, String mappings) {
      this.pattern = pattern;
      this.oneMapping = oneMapping;
      this.mappings = mappings;
    }

    /** What a node does, for its file {@code self} and the files {@code others} it maps. */
    public String describe(String self, List<String> others) {
      return String.format(pattern, self, others.size() == 1 ? oneMapping : mappings, String.join(", ", others));
    }
  }

  /** Pages in each half of a file. */
  static final int HALF_PAGES = 4;

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

  private RingWorkload(ClusterFs fs, Direction direction) {
    this.fs = fs;
    this.direction = direction;
  }

  /** The post's case: two nodes, files {@code a} and {@code b}, each mapping the other. */
  public static RingWorkload twoFiles(FileSystemType type, Direction direction, Gate gate, long seed)
      throws InterruptedException {
    return prepare(type, direction, 2, 1, gate, seed);
  }

  /**
   * Creates {@code nodes} files {@code a}, {@code b}, ... (random contents from {@code seed}) on a
   * fresh filesystem of {@code type}, and one worker per file, not started, whose buffer maps the
   * {@code mappings} files after its own and passes {@code gate} before each copy.
   *
   * @throws IllegalArgumentException unless {@code 1 <= mappings < nodes} and {@code mappings}
   *     divides the pages of a half
   */
  public static RingWorkload prepare(
      FileSystemType type, Direction direction, int nodes, int mappings, Gate gate, long seed)
      throws InterruptedException {
    if (mappings < 1 || mappings >= nodes || HALF_PAGES % mappings != 0) {
      throw new IllegalArgumentException(nodes + " nodes cannot each map " + mappings + " other files");
    }
    RingWorkload workload = new RingWorkload(new ClusterFs(type), direction);
    Random random = new Random(seed);
    List<FileOperations> files = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      byte[] contents = new byte[2 * HALF];
      random.nextBytes(contents);
      String name = fileName(i);
      files.add(workload.fs.create(name, contents));
      workload.expected.put(name, contents);
    }
    List<String> names = nodeNames(direction, nodes, mappings);
    for (int i = 0; i < nodes; i++) {
      List<FileOperations> mapped = new ArrayList<>();
      for (int d = 1; d <= mappings; d++) {
        mapped.add(files.get((i + d) % nodes));
      }
      workload.addWorker(names.get(i), files.get(i), mapped, gate);
    }
    return workload;
  }

  /**
   * The names of the workers {@link #prepare} makes, node 1 first: the node and what it does, such
   * as {@code node-1 read(a) into a writable mmap of b}.
   */
  public static List<String> nodeNames(Direction direction, int nodes, int mappings) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      List<String> mapped = new ArrayList<>();
      for (int d = 1; d <= mappings; d++) {
        mapped.add(fileName((i + d) % nodes));
      }
      names.add("node-" + (i + 1) + " " + direction.describe(fileName(i), mapped));
    }
    return names;
  }

  private static String fileName(int index) {
    return String.valueOf((char) ('a' + index));
  }

  /**
   * Adds the worker {@code name} for {@code self}, whose buffer maps part {@code k} of {@code others.get(k)}:
   * the target part for a read, the source part for a write. Records what the copy must produce.
   */
  private void addWorker(String name, FileOperations self, List<FileOperations> others, Gate gate) {
    int part = HALF / others.size();
    UserMemory[] segments = new UserMemory[others.size()];
    for (int k = 0; k < others.size(); k++) {
      long at = direction == Direction.READ ? HALF + (long) k * part : (long) k * part;
      segments[k] = fs.mmap(others.get(k), at, part, direction == Direction.READ);
    }
    UserMemory buffer = new GatedMemory(segments.length == 1 ? segments[0] : IoVec.of(segments), gate);
    byte[] selfBytes = expected.get(self.inode().name());
    for (int t = 0; t < LEN; t++) {
      byte[] otherBytes = expected.get(others.get(t / part).inode().name());
      if (direction == Direction.READ) {
        otherBytes[HALF + t] = selfBytes[SHIFT + t];
      } else {
        selfBytes[HALF + SHIFT + t] = otherBytes[t];
      }
    }
    Runnable copy =
        direction == Direction.READ
            ? () -> run(() -> self.read(SHIFT, buffer, LEN))
            : () -> run(() -> self.write(HALF + SHIFT, buffer, LEN));
    Thread worker = new Thread(copy, name);
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

  /** Starts the workers, node 1 first, or in reverse order if {@code reversed}. */
  public void start(boolean reversed) {
    List<Thread> order = new ArrayList<>(workers);
    if (reversed) {
      Collections.reverse(order);
    }
    order.forEach(Thread::start);
  }

  /** The workers, node 1 first. */
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
   * Waits until every worker has ended, looking at the wait-for graph meanwhile; see {@link
   * #cycleSeen()}.
   *
   * @return whether all ended within {@code within}
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
   * Interrupts the workers and waits up to {@code within} for them to end.
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
   * Reads every file back and compares them with what the copies must have produced.
   *
   * @return where the first difference lies, or empty if every file is as expected
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
