package dev.faultlock.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The findings with {@code --points-to}: locks known by the objects they can be and calls
 * dispatched by what flows to them (issue #11), on small multi-threaded programs in the style of
 * the deadlock benchmarks (Chord's, DeadlockFuzzer's). Each program is also run without
 * points-to, to show what the names alone say.
 */
class PointsToFindingsTest {
  @TempDir Path dir;

  private List<Finding> analyze(boolean pointsTo, Rule rule, String... sources) throws IOException {
    Path src = dir.resolve(pointsTo ? "with" : "without");
    for (int i = 0; i < sources.length; i++) {
      String text = sources[i];
      int at = text.indexOf("class ") + "class ".length();
      String name = text.substring(at, text.indexOf(' ', at));
      Path f = src.resolve(name + ".java");
      Files.createDirectories(f.getParent());
      Files.writeString(f, text);
    }
    AnalysisResult r =
        Analyzer.analyze(AnalyzerOptions.builder().source(src).jobs(1).pointsTo(pointsTo).build());
    assertThat(r.problems()).isEmpty();
    return Programs.of(r, rule);
  }

  /**
   * A {@code Thread} subclass handed two locks through its constructor, kept in fields {@code a}
   * and {@code b}: its run takes {@code a}, then {@code b}.
   */
  private static String thread(String name, String a, String b) {
    return """
        class %1$s extends Thread {
          private final Object %2$s;
          private final Object %3$s;

          %1$s(Object %2$s, Object %3$s) {
            this.%2$s = %2$s;
            this.%3$s = %3$s;
          }

          @Override
          public void run() {
            synchronized (%2$s) {
              synchronized (%3$s) { }
            }
          }
        }
        """.formatted(name, a, b);
  }

  private static final String LEFT = thread("Left", "first", "second");

  private static final String RIGHT = thread("Right", "outer", "inner");

  private static String main(String body) {
    return """
        class Main {
          public static void main(String[] args) {
            %s
          }
        }
        """.formatted(body);
  }

  @Test
  void aLockPassedThroughConstructorsToTwoClassesIsOneLockInBothOrders() throws IOException {
    String main = main("""
        Object x = new Object();
        Object y = new Object();
        new Left(x, y).start();
        new Right(y, x).start();""");
    assertThat(analyze(false, Rule.LOCK_ORDER_INVERSION, LEFT, RIGHT, main)).isEmpty();
    List<Finding> found = analyze(true, Rule.LOCK_ORDER_INVERSION, LEFT, RIGHT, main);
    assertThat(found).hasSize(1);
    // One object is Left.first and Right.inner, the other Left.second and Right.outer.
    assertThat(found.get(0).message()).contains("Left.first -> Right.outer -> Left.first");
    assertThat(Programs.steps(found.get(0)))
        .anySatisfy(s -> assertThat(s).startsWith("Right.java:13"));
  }

  @Test
  void aLockPassedThroughConstructorsInTheSameOrderIsQuiet() throws IOException {
    String main = main("""
        Object x = new Object();
        Object y = new Object();
        new Left(x, y).start();
        new Right(x, y).start();""");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, LEFT, RIGHT, main)).isEmpty();
    assertThat(analyze(true, Rule.UNSORTED_SAME_CLASS_LOCKS, LEFT, RIGHT, main)).isEmpty();
  }

  /**
   * Two threads of one class, each handed its own pair: one {@code run} takes each thread's
   * {@code first} then that same thread's {@code second}, so the pairs are {@code a -> b} and
   * {@code x -> y}, not every first with every second ({@code x -> b} would close a false cycle
   * with {@code b -> x}). With the two pairs crossed, the cycle is there.
   */
  @Test
  void eachThreadOrdersItsOwnPairOfLocks() throws IOException {
    String apart = main("""
        Object a = new Object();
        Object b = new Object();
        Object x = new Object();
        Object y = new Object();
        new Left(a, b).start();
        new Left(x, y).start();
        new Right(b, x).start();""");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, LEFT, RIGHT, apart)).isEmpty();
    String crossed = apart.replace("new Left(x, y)", "new Left(x, b)");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, LEFT, RIGHT, crossed)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("Right.outer -> Left.first -> Right.outer"));
  }

  private static final String MIDDLE = thread("Middle", "from", "to");

  @Test
  void aRingOfThreeThreadsOverThreeSharedLocks() throws IOException {
    String ring = main("""
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        new Left(a, b).start();
        new Middle(b, c).start();
        new Right(c, a).start();""");
    assertThat(analyze(false, Rule.LOCK_ORDER_INVERSION, LEFT, MIDDLE, RIGHT, ring)).isEmpty();
    List<Finding> found = analyze(true, Rule.LOCK_ORDER_INVERSION, LEFT, MIDDLE, RIGHT, ring);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).sections()).hasSize(3);

    String ordered = main("""
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        new Left(a, b).start();
        new Middle(b, c).start();
        new Right(a, c).start();""");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, LEFT, MIDDLE, RIGHT, ordered)).isEmpty();
  }

  private static final String RESOURCE = """
      class Resource {
        private final Pool pool;

        Resource(Pool pool) {
          this.pool = pool;
        }

        void release() {
          synchronized (this) {
            pool.returned();
          }
        }
      }
      """;

  private static final String POOLED = """
      class Pooled extends Resource {
        Pooled(Pool pool) {
          super(pool);
        }
      }
      """;

  /** {@code %s}: how the pool's eviction takes the pool and its resource. */
  private static final String POOL = """
      class Pool {
        private Pooled current;

        void open() {
          current = new Pooled(this);
        }

        Pooled take() {
          return current;
        }

        synchronized void returned() { }

        void evict() {
          %s
        }
      }
      """;

  @Test
  void aBaseClassSynchronizedThisIsTheSubclassInstanceThePoolLocks() throws IOException {
    String pool = POOL.formatted("synchronized (this) { synchronized (current) { } }");
    String main = main("""
        Pool p = new Pool();
        p.open();
        new Thread(p::evict).start();
        p.take().release();""");
    assertThat(analyze(false, Rule.LOCK_ORDER_INVERSION, RESOURCE, POOLED, pool, main)).isEmpty();
    List<Finding> found = analyze(true, Rule.LOCK_ORDER_INVERSION, RESOURCE, POOLED, pool, main);
    assertThat(found).hasSize(1);
    // The pool's `current` is the Pooled instance Resource.release locks as `this`.
    assertThat(found.get(0).message()).contains("Pool -> Resource -> Pool");

    String ordered = POOL.formatted("synchronized (current) { synchronized (this) { } }");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, RESOURCE, POOLED, ordered, main)).isEmpty();
  }

  /** Locks kept in an array and a map by one class, in plain fields by another. */
  private static final String STRIPES = """
      import java.util.HashMap;
      import java.util.Map;

      class Stripes {
        private final Object[] first = new Object[1];
        private final Map<String, Object> byName = new HashMap<>();

        Stripes(Object a, Object b) {
          first[0] = a;
          byName.put("b", b);
        }

        void lockBoth() {
          synchronized (first[0]) {
            synchronized (byName.get("b")) { }
          }
        }
      }
      """;

  private static final String PAIR = """
      class Pair {
        private final Object one;
        private final Object two;

        Pair(Object one, Object two) {
          this.one = one;
          this.two = two;
        }

        void lockBoth() {
          synchronized (one) {
            synchronized (two) { }
          }
        }
      }
      """;

  @Test
  void locksInAnArrayAndAMapAreTheObjectsPutThere() throws IOException {
    String crossed = main("""
        Object a = new Object();
        Object b = new Object();
        Stripes s = new Stripes(a, b);
        Pair p = new Pair(b, a);
        new Thread(s::lockBoth).start();
        p.lockBoth();""");
    assertThat(analyze(false, Rule.LOCK_ORDER_INVERSION, STRIPES, PAIR, crossed)).isEmpty();
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, STRIPES, PAIR, crossed)).hasSize(1);

    String ordered = main("""
        Object a = new Object();
        Object b = new Object();
        Stripes s = new Stripes(a, b);
        Pair p = new Pair(a, b);
        new Thread(s::lockBoth).start();
        p.lockBoth();""");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, STRIPES, PAIR, ordered)).isEmpty();
  }

  private static final String ACCOUNT = """
      class Account {
        void transfer(Account to) {
          synchronized (this) {
            synchronized (to) { }
          }
        }
      }
      """;

  @Test
  void twoInstancesOfOneClassAreTwoLocksAndOneSingletonIsOne() throws IOException {
    String two = main("""
        Account x = new Account();
        Account y = new Account();
        x.transfer(y);""");
    assertThat(analyze(true, Rule.UNSORTED_SAME_CLASS_LOCKS, ACCOUNT, two)).hasSize(1);

    String one = main("""
        Account x = new Account();
        x.transfer(x);""");
    assertThat(analyze(false, Rule.UNSORTED_SAME_CLASS_LOCKS, ACCOUNT, one)).hasSize(1);
    assertThat(analyze(true, Rule.UNSORTED_SAME_CLASS_LOCKS, ACCOUNT, one)).isEmpty();
  }

  private static final String LOCKS = """
      final class Locks {
        static final Object FIRST = new Object();
        static final Object SECOND = new Object();

        private Locks() { }
      }
      """;

  private static final String SINK = """
      interface Sink {
        void put();
      }
      """;

  private static final String QUIET = """
      class Quiet implements Sink {
        @Override
        public void put() { }
      }
      """;

  private static final String LOCKING = """
      class Locking implements Sink {
        @Override
        public void put() {
          synchronized (Locks.FIRST) { }
        }
      }
      """;

  private static final String USER = """
      class User {
        private final Sink sink;

        User(Sink sink) {
          this.sink = sink;
        }

        void work() {
          synchronized (Locks.SECOND) {
            sink.put();
          }
        }

        static void other() {
          synchronized (Locks.FIRST) {
            synchronized (Locks.SECOND) { }
          }
        }
      }
      """;

  @Test
  void anInterfaceCallReachesOnlyTheImplementationThatFlowsThere() throws IOException {
    String main = main("""
        new User(new Quiet()).work();
        User.other();""");
    // Class hierarchy chose Locking among the two implementations: a low-confidence guess.
    assertThat(analyze(false, Rule.LOCK_ORDER_INVERSION, LOCKS, SINK, QUIET, LOCKING, USER, main))
        .singleElement()
        .satisfies(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, LOCKS, SINK, QUIET, LOCKING, USER, main))
        .isEmpty();

    String locking = main("""
        new User(new Locking()).work();
        User.other();""");
    // The solver saw the Locking object reach the call: the same cycle is now known.
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, LOCKS, SINK, QUIET, LOCKING, USER, locking))
        .singleElement()
        .satisfies(f -> assertThat(f.confidence()).isEqualTo(Confidence.HIGH));
  }

  private static final String CHANNEL = """
      class Channel {
        private final Object guard;

        Channel() {
          guard = new Object();
        }

        void writeTo(Fs fs) {
          synchronized (guard) {
            fs.update();
          }
        }

        void write() {
          synchronized (guard) { }
        }
      }
      """;

  /** A file system with a channel of its own; {@code %s}: the channel its flush writes. */
  private static final String FS = """
      class Fs {
        private final Object lock;
        private final Channel own;

        Fs() {
          lock = new Object();
          own = new Channel();
        }

        void update() {
          synchronized (lock) { }
        }

        void flush(Channel given) {
          synchronized (lock) {
            %s.write();
          }
        }
      }
      """;

  /**
   * Each channel makes its lock in its constructor: one abstract object for all channels, yet
   * one lock per channel, so the entry's channel and the file system's own are two locks (the
   * jdk.zipfs shape: a cycle of lock names, not of objects).
   */
  @Test
  void twoInstancesOfOneClassKeepTheirOwnLocksApart() throws IOException {
    String main = main("""
        Fs fs = new Fs();
        Channel entry = new Channel();
        new Thread(() -> entry.writeTo(fs)).start();
        fs.flush(entry);""");
    String own = FS.formatted("own");
    assertThat(analyze(false, Rule.LOCK_ORDER_INVERSION, CHANNEL, own, main)).hasSize(1);
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, CHANNEL, own, main)).isEmpty();

    String given = FS.formatted("given");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, CHANNEL, given, main)).hasSize(1);
  }

  /**
   * A writer that runs a change under its own lock and its stream's; {@code %s}: the call the
   * update's lambda makes.
   */
  private static final String WRITER = """
      class Writer {
        private final Object stream;

        Writer() {
          stream = new Object();
        }

        synchronized void changed() { }

        synchronized void modify(Runnable change) {
          synchronized (stream) {
            change.run();
          }
        }

        void update(Writer other) {
          modify(() -> %s);
        }

        synchronized void flushInto(Writer other) {
          synchronized (other.stream) { }
        }
      }
      """;

  /**
   * A lambda run under its writer's locks that calls back into the writer re-takes the writer
   * (lucene's {@code IndexWriter.tryModifyDocument}): its name is lost on the way ({@code
   * modify} did not write the lambda), but its objects are the writer's, so it is re-entry, not
   * an edge from the stream back to a writer. The same lambda calling the other writer takes a
   * second one, and with {@code b.flushInto(a)} that is a deadlock.
   */
  @Test
  void aLambdaCallingBackIntoItsHolderReTakesIt() throws IOException {
    String main = main("""
        Writer a = new Writer();
        Writer b = new Writer();
        new Thread(() -> a.update(b)).start();
        b.flushInto(a);""");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, WRITER.formatted("changed()"), main))
        .isEmpty();
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, WRITER.formatted("other.changed()"), main))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("Writer.stream"));
  }

  /**
   * A file system that opens a channel under its lock and writes to it before handing it out
   * (jdk.zipfs's {@code newByteChannel}): the channel's lock is the one its constructor made, on
   * an object no other thread has yet, so the cycle with a writer of an opened channel is low.
   */
  @Test
  void aLockOfAChannelTheMethodMakesIsLow() throws IOException {
    String opener = """
        class Opener {
          private final Object lock;

          Opener() {
            lock = new Object();
          }

          void update() {
            synchronized (lock) { }
          }

          Channel open() {
            synchronized (lock) {
              Channel c = new Channel();
              c.write();
              return c;
            }
          }
        }
        """;
    String channel = CHANNEL.replace("Fs fs", "Opener fs");
    String main = main("""
        Opener fs = new Opener();
        Channel c = fs.open();
        new Thread(() -> c.writeTo(fs)).start();
        fs.update();""");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, channel, opener, main))
        .singleElement()
        .satisfies(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
  }

  /**
   * An operation keeps its current request, an inner object it makes, in a slot; the request,
   * under its own monitor, fails itself, and the operation then locks its {@code request}
   * (bookkeeper's {@code ReadLastConfirmedAndEntryOp}): that is the request already held, not
   * the other kind of request, however both kinds flow into the slot. Once a request can be
   * handed to another operation's slot, the two kinds can be taken crosswise.
   */
  @Test
  void aRequestLockingItselfBackThroughItsOperationReTakesIt() throws IOException {
    String op = """
        class Op {
          Request request;

          abstract class Request {
            synchronized int firstError() { return 0; }

            void fail() { complete(); }

            abstract void retry();
          }

          class Parallel extends Request {
            @Override
            synchronized void retry() { fail(); }
          }

          class Sequence extends Request {
            @Override
            synchronized void retry() { fail(); }
          }

          private void complete() { request.firstError(); }

          void initiate(boolean parallel) {
            if (parallel) request = new Parallel(); else request = new Sequence();
          }

          void respond() { request.retry(); }
          %s
        }
        """;
    String main = main("""
        Op a = new Op();
        Op b = new Op();
        a.initiate(true);
        b.initiate(false);
        %s
        new Thread(a::respond).start();
        b.respond();""");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, op.formatted(""), main.formatted("")))
        .isEmpty();
    String handedOver = op.formatted("void take(Op other) { request = other.request; }");
    assertThat(analyze(true, Rule.LOCK_ORDER_INVERSION, handedOver, main.formatted("a.take(b);")))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("Op.Parallel", "Op.Sequence"));
  }
}
