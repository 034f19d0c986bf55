package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.AppProgram.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.LockGraph;
import dev.faultlock.findings.TraceStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alien calls under a lock, with no annotation: a call on an object the caller supplied, of a
 * type whose implementation the method does not control, is a faulting copy whose handlers are
 * the program's implementations it can reach (jimfs's and memoryfilesystem's {@code transferTo}).
 */
class AlienCallTest {
  @TempDir Path dir;

  /**
   * A file whose {@code transferTo} holds its lock while it writes into the caller's channel,
   * through a helper that holds no lock ({@code %s}: the body of {@code transferTo}).
   */
  private static final String FILE = """
      import java.io.IOException;
      import java.nio.ByteBuffer;
      import java.nio.channels.WritableByteChannel;

      public final class MemFile implements WritableByteChannel {
        private final Object lock = new Object();
        private byte[] data = new byte[0];

        public long transferTo(WritableByteChannel target) throws IOException {
          %s
        }

        @Override
        public int write(ByteBuffer src) {
          synchronized (this) {
            synchronized (lock) {
              byte[] copy = new byte[src.remaining()];
              src.get(copy);
              data = copy;
              return copy.length;
            }
          }
        }

        long size() {
          synchronized (this) {
            synchronized (lock) {
              return data.length;
            }
          }
        }

        byte[] data() {
          return data;
        }

        @Override
        public boolean isOpen() {
          return true;
        }

        @Override
        public void close() {}
      }
      """;

  private static final String CONTENTS = """
      import java.io.IOException;
      import java.nio.ByteBuffer;
      import java.nio.channels.WritableByteChannel;

      final class Contents {
        static int copyOut(byte[] block, WritableByteChannel dest) throws IOException {
          ByteBuffer buf = ByteBuffer.wrap(block);
          int n = 0;
          while (buf.hasRemaining()) n += dest.write(buf);
          return n;
        }
      }
      """;

  @Test
  void aChannelTransferToIsAnErrorReportedOnceThroughTheHelper() throws IOException {
    write("Contents.java", CONTENTS);
    write("MemFile.java", FILE.formatted(
        "synchronized (lock) { return Contents.copyOut(data, target); }"));
    List<Finding> findings = analyse();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Rule.FAULT_UNDER_LOCK);
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(lines(List.of(f))).containsExactly("MemFile.java:12");
      assertThat(f.message()).startsWith(
          "`WritableByteChannel.write` on `target`, a WritableByteChannel the caller supplied, runs"
              + " code this method does not control while lock `lock` (class MemFile.lock) is held:"
              + " the program's `MemFile.write` implements it and acquires lock `lock` (class"
              + " MemFile.lock), so two threads copying between two files in opposite directions"
              + " deadlock ABBA; fix: copy through a temporary buffer outside the lock");
      assertThat(f.message()).endsWith("@SortedAcquire(\"MemFile.lock\")");
      assertThat(Programs.steps(f)).containsExactly(
          "MemFile.java:12: acquires lock `lock` (class MemFile.lock)",
          "MemFile.java:12: calls `Contents.copyOut`",
          "Contents.java:11: calls `WritableByteChannel.write` on `dest`, a WritableByteChannel the"
              + " caller supplied (alien call)",
          "MemFile.java:16: runs `MemFile.write`, the program's implementation",
          "MemFile.java:18: acquires lock `lock` (class MemFile.lock)");
    });
  }

  /**
   * Without alien calls the same chain was an {@code UnsortedSameClassLocks} (the two files'
   * locks) and a {@code LockOrderInversion} (the channel's monitor against the file's lock):
   * one bug, now one finding, with no cycle reported for the edge only the alien call makes.
   */
  @Test
  void theEdgesOfAnAlienErrorMakeNoCycleOfTheirOwn() throws IOException {
    write("MemFile.java", FILE.formatted(
        "synchronized (lock) { return target.write(ByteBuffer.wrap(data)); }"));
    List<Finding> findings = analyse();
    assertThat(findings).extracting(Finding::rule).containsExactly(Rule.FAULT_UNDER_LOCK);
    AnalysisResult r = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());
    assertThat(r.lockGraph().edges())
        .extracting(LockGraph.Edge::from, LockGraph.Edge::to)
        .contains(Tuple.tuple("MemFile", "MemFile.lock"), Tuple.tuple("MemFile.lock", "MemFile"));
    assertThat(r.lockGraph().cycles()).isEmpty();
  }

  @Test
  void anOutputStreamTakingAnotherClassIsAWarningAndAnEdge() throws IOException {
    write("Journal.java", """
        import java.io.IOException;
        import java.io.OutputStream;

        public final class Journal {
          private final Object lock = new Object();

          public void dump(OutputStream out) throws IOException {
            synchronized (lock) {
              out.write(new byte[] {1, 2}, 0, 2);
            }
          }
        }
        """);
    write("Spool.java", """
        import java.io.OutputStream;

        final class Spool extends OutputStream {
          private final Object pages = new Object();

          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (pages) {
              pages.notifyAll();
            }
          }
        }
        """);
    AnalysisResult r = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Rule.FAULT_UNDER_LOCK);
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(lines(List.of(f))).containsExactly("Journal.java:11");
      assertThat(f.message()).startsWith("`OutputStream.write` on `out`, an OutputStream the caller supplied")
          .contains("the program's `Spool.write` implements it and acquires lock `pages` (class"
              + " Spool.pages), adding Journal.lock -> Spool.pages to the lock order");
    });
    assertThat(r.lockGraph().edges())
        .extracting(LockGraph.Edge::from, LockGraph.Edge::to)
        .containsExactly(Tuple.tuple("Journal.lock", "Spool.pages"));
  }

  /**
   * The warning's edge can close a cycle only if something is taken under the lock the stream
   * takes: a leaf lock (its holder waits for nothing) makes it {@code low}, as {@code
   * ConcurrentHashMap.compute} running a function that takes a list's lock under the bin's.
   */
  @Test
  void aWarningWhoseStreamTakesOnlyALeafLockIsLow() throws IOException {
    String spool = """
        import java.io.OutputStream;

        final class Spool extends OutputStream {
          private final Object pages = new Object();

          @Override
          public void write(int b) {
            synchronized (pages) {
              %s
            }
          }
        }
        """;
    write("Journal.java", JOURNAL.replace("out.write(new byte[] {1, 2}, 0, 2)", "out.write(1)"));
    write("Spool.java", spool.formatted("pages.notifyAll();"));
    assertThat(Programs.of(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()),
        Rule.FAULT_UNDER_LOCK)).singleElement()
        .satisfies(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));

    write("Spool.java", spool.formatted("synchronized (Spool.class) { }"));
    assertThat(Programs.of(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()),
        Rule.FAULT_UNDER_LOCK)).singleElement()
        .satisfies(f -> assertThat(f.confidence()).isEqualTo(Confidence.HIGH));

    // Only a guessed edge leaves the lock (class hierarchy chose one of two tasks): still a leaf.
    write("Spool.java", spool.formatted("task.run();").replace(
        "private final Object pages", "Runnable task;\n  private final Object pages"));
    write("Tasks.java", """
        final class Tasks {
          static final class Locking implements Runnable {
            @Override
            public void run() {
              synchronized (Tasks.class) { }
            }
          }

          static final class Quiet implements Runnable {
            @Override
            public void run() { }
          }
        }
        """);
    assertThat(Programs.of(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()),
        Rule.FAULT_UNDER_LOCK)).singleElement()
        .satisfies(f -> assertThat(f.confidence()).isEqualTo(Confidence.LOW));
  }

  /** {@code Journal.dump}: writes into the caller's stream under its lock. */
  private static final String JOURNAL = """
      import java.io.IOException;
      import java.io.OutputStream;

      public final class Journal {
        private final Object lock = new Object();

        public void dump(OutputStream out) throws IOException {
          synchronized (lock) {
            out.write(new byte[] {1, 2}, 0, 2);
          }
        }
      }
      """;

  /** An output stream of the program named {@code %s} whose writes take {@code %s}. */
  private static final String STREAM = """
      import java.io.OutputStream;

      final class %s extends OutputStream {
        @Override
        public void write(int b) { }

        @Override
        public void write(byte[] b, int off, int len) {
          %s
        }
      }
      """;

  /**
   * The step into an implementation the caller may hand in is as sure as the choice: with two
   * program streams that take two different locks, class hierarchy chose the one the finding
   * names (h2's {@code Runnable.run} into one server thread among many runnables).
   */
  @Test
  void anImplementationChosenAmongSeveralThatLockDifferentlyIsLow() throws IOException {
    journalWith("Spool", "synchronized (Spool.class) { }",
        "Sink", "synchronized (Sink.class) { }");
    assertThat(analyse()).singleElement().satisfies(f -> {
      assertThat(f.confidence()).isEqualTo(Confidence.LOW);
      // The unsure step is the one into the implementation.
      assertThat(f.trace()).filteredOn(t -> t.confidence() == Confidence.LOW)
          .extracting(TraceStep::description).singleElement().asString()
          .endsWith(".write`, the program's implementation");
    });
  }

  @Test
  void theOneImplementationTheCallerMayHandInIsHigh() throws IOException {
    journalWith("Spool", "synchronized (Spool.class) { }");
    assertThat(analyse()).extracting(Finding::confidence).containsExactly(Confidence.HIGH);
  }

  /** One stream among three that locks, as in bookkeeper's callbacks: chosen, so low. */
  @Test
  void theOneLockingImplementationAmongManyIsLow() throws IOException {
    journalWith("Spool", "synchronized (Spool.class) { }", "Sink", "", "Drain", "");
    assertThat(analyse()).extracting(Finding::confidence).containsExactly(Confidence.LOW);
  }

  /**
   * An implementation that takes no lock (memoryfilesystem's directory channel, which only
   * throws) beside one that does: the lock is what the program's implementation does.
   */
  @Test
  void theOneLockingImplementationBesideALockFreeOneIsHigh() throws IOException {
    journalWith("Spool", "synchronized (Spool.class) { }", "Sink", "");
    assertThat(analyse()).extracting(Finding::confidence).containsExactly(Confidence.HIGH);
  }

  /** Whichever of the program's streams the caller hands in, it takes the shared lock. */
  @Test
  void implementationsThatAllTakeTheLockClassAreHigh() throws IOException {
    journalWith("Spool", "synchronized (Journal.class) { }",
        "Sink", "synchronized (Journal.class) { }");
    assertThat(analyse()).extracting(Finding::confidence).containsExactly(Confidence.HIGH);
  }

  /**
   * {@link #JOURNAL} and a {@link #STREAM} for each name and write body in {@code streams}, and
   * a class that takes a lock under each class literal they may lock: no stream's lock is a leaf
   * ({@link #aWarningWhoseStreamTakesOnlyALeafLockIsLow}).
   */
  private void journalWith(String... streams) throws IOException {
    write("Journal.java", JOURNAL);
    for (int i = 0; i < streams.length; i += 2) {
      write(streams[i] + ".java", STREAM.formatted(streams[i], streams[i + 1]));
    }
    write("Nested.java", """
        final class Nested {
          static void under() {
            synchronized (Spool.class) { synchronized (Nested.class) { } }
            synchronized (Sink.class) { synchronized (Nested.class) { } }
            synchronized (Journal.class) { synchronized (Nested.class) { } }
          }
        }
        """);
  }

  @Test
  void aListenerOfTheProgramThatLocksAnotherNodeIsAnError() throws IOException {
    write("ChangeListener.java", """
        public interface ChangeListener {
          void changed(Object value);
        }
        """);
    write("Node.java", """
        public final class Node implements ChangeListener {
          private Object value;

          public synchronized void set(Object v, ChangeListener listener) {
            value = v;
            listener.changed(v);
          }

          @Override
          public synchronized void changed(Object v) {
            value = v;
          }
        }
        """);
    List<Finding> findings = analyse();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(lines(List.of(f))).containsExactly("Node.java:8");
      assertThat(f.message()).startsWith("`ChangeListener.changed` on `listener`, a ChangeListener"
          + " the caller supplied")
          .contains("the program's `Node.changed` implements it and acquires lock `this` (class Node)");
    });
  }

  /** A program interface that says nothing of callbacks is the program's own: not alien. */
  @Test
  void aPlainProgramInterfaceIsNotAlien() throws IOException {
    write("Store.java", """
        public interface Store {
          void put(Object value);
        }
        """);
    write("Node.java", """
        public final class Node implements Store {
          private Object value;

          public synchronized void set(Object v, Store store) {
            value = v;
            store.put(v);
          }

          @Override
          public synchronized void put(Object v) {
            value = v;
          }
        }
        """);
    assertThat(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()).findings())
        .extracting(Finding::rule).doesNotContain(Rule.FAULT_UNDER_LOCK);
  }

  /**
   * A package-private class's method that overrides a library method is an entry point: code
   * outside the program calls it through the library type, with its own objects.
   */
  @Test
  void anOverrideOfALibraryMethodInAPackagePrivateClassTakesCallerObjects() throws IOException {
    write("MemFile.java", FILE.formatted("return 0;"));
    write("Exporter.java", """
        import java.io.IOException;
        import java.io.UncheckedIOException;
        import java.nio.ByteBuffer;
        import java.nio.channels.WritableByteChannel;
        import java.util.function.Consumer;

        final class Exporter implements Consumer<WritableByteChannel> {
          private final MemFile file = new MemFile();

          @Override
          public void accept(WritableByteChannel target) {
            synchronized (file) {
              try {
                target.write(ByteBuffer.wrap(file.data()));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          }
        }
        """);
    assertThat(Programs.of(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()),
        Rule.FAULT_UNDER_LOCK)).singleElement().satisfies(f -> {
          assertThat(lines(List.of(f))).containsExactly("Exporter.java:16");
          assertThat(f.severity()).isEqualTo(Severity.WARNING);
          assertThat(f.message()).contains("adding Exporter.file -> MemFile");
        });
  }

  /**
   * A callback that only the program's own lambdas fill, through a private method, is the
   * program's code (memoryfilesystem's {@code withLockDo(root, path, callback)}): not alien.
   */
  @Test
  void aCallbackOnlyTheProgramFillsIsNotAlien() throws IOException {
    write("Tree.java", """
        public final class Tree {
          @FunctionalInterface
          interface Block {
            Object value(Tree node);
          }

          private Tree child;

          private Object withLock(Block callback) {
            synchronized (this) {
              return callback.value(this);
            }
          }

          public Object read() {
            return withLock(node -> {
              synchronized (node.child) {
                return node.child;
              }
            });
          }
        }
        """);
    assertThat(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()).findings())
        .extracting(Finding::rule).doesNotContain(Rule.FAULT_UNDER_LOCK);
    // Handed in by a caller outside the program, the same callback is alien.
    AppProgram.write(dir, "Tree.java", Files.readString(dir.resolve("app/Tree.java")).substring(
        "package app;\n\n".length()).replace("private Object withLock", "public Object withLock")
        .replace("interface Block", "public interface Block"));
    assertThat(Programs.of(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()),
        Rule.FAULT_UNDER_LOCK)).extracting(Finding::message).singleElement().asString()
        .contains("the program's `Tree.read$lambda1` implements it");
  }

  @Test
  void aLambdaCallbackThatLocksAnotherStoreIsAnError() throws IOException {
    write("Store.java", """
        import java.util.concurrent.locks.ReentrantLock;
        import java.util.function.Consumer;

        public final class Store {
          private final ReentrantLock lock = new ReentrantLock();
          private byte[] block = new byte[16];

          public void read(Consumer<byte[]> sink) {
            lock.lock();
            try {
              sink.accept(block);
            } finally {
              lock.unlock();
            }
          }

          void append(byte[] b) {
            lock.lock();
            try {
              block = b.clone();
            } finally {
              lock.unlock();
            }
          }

          static void copy(Store from, Store to) {
            from.read(b -> to.append(b));
          }
        }
        """);
    List<Finding> findings = analyse();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(lines(List.of(f))).containsExactly("Store.java:13");
      assertThat(f.message()).startsWith("`Consumer.accept` on `sink`, a Consumer the caller supplied")
          .contains("acquires lock `to.lock` (class Store.lock)");
    });
  }

  /**
   * A lambda the program binds to {@code Runnable} somewhere else is not what a caller hands in:
   * class-hierarchy dispatch makes it a target of every {@code Runnable.run}, but only a lambda
   * written where the lock holder is called may be its object.
   */
  @Test
  void aLambdaBoundToTheInterfaceElsewhereIsNoHandler() throws IOException {
    write("Pool.java", """
        public final class Pool {
          private final Object lock = new Object();

          public void withLock(Runnable operation) {
            synchronized (lock) {
              operation.run();
            }
          }
        }
        """);
    String elsewhere = """
        final class Elsewhere {
          private final Object other = new Object();

          void later(Runnable r) {}

          void init(Pool pool) {
            later(() -> {
              synchronized (other) {
                other.notifyAll();
              }
            });
          }
        }
        """;
    write("Elsewhere.java", elsewhere);
    assertThat(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()).findings())
        .isEmpty();
    write("Elsewhere.java", elsewhere.replace("later(() -> {", "pool.withLock(() -> {"));
    assertThat(analyse()).extracting(Finding::message).singleElement().asString()
        .contains("adding Pool.lock -> Elsewhere.other to the lock order");
  }

  /** Kafka's {@code waitObject(obj, condition)}: the caller's lambda locks the object it handed in. */
  @Test
  void aLambdaLockingTheObjectItsCallerHandedInIsReentry() throws IOException {
    write("Clock.java", """
        import java.util.function.Supplier;

        public final class Clock {
          public void waitObject(Object obj, Supplier<Boolean> condition) throws InterruptedException {
            synchronized (obj) {
              while (!condition.get()) obj.wait(10);
            }
          }
        }
        """);
    write("Meta.java", """
        public final class Meta {
          private int version;

          public synchronized void await(Clock clock, int last) throws InterruptedException {
            clock.waitObject(this, () -> current() > last);
          }

          synchronized int current() {
            return version;
          }
        }
        """);
    assertThat(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()).findings())
        .extracting(Finding::rule).doesNotContain(Rule.FAULT_UNDER_LOCK);
  }

  @Test
  void quietWhenNoImplementationTakesALock() throws IOException {
    write("MemFile.java", FILE.formatted(
        "synchronized (lock) { return target.write(ByteBuffer.wrap(data)); }")
        .replace("synchronized (this) {\n      synchronized (lock) {", "{\n      {"));
    assertThat(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()).findings())
        .isEmpty();
  }

  @Test
  void quietWhenTheCopyGoesThroughATemporaryBufferOutsideTheLock() throws IOException {
    write("MemFile.java", FILE.formatted("""
        byte[] copy;
            synchronized (lock) {
              copy = data.clone();
            }
            return target.write(ByteBuffer.wrap(copy));"""));
    assertThat(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()).findings())
        .isEmpty();
  }

  /** The pair ordered by identity, the target's lock taken first when it sorts first. */
  @Test
  void quietWhenTheTargetIsLockedFirstInOneOrder() throws IOException {
    String ordered = FILE.formatted("""
        MemFile other = target instanceof MemFile m ? m : null;
            if (other != null && System.identityHashCode(other) < System.identityHashCode(this)) {
              synchronized (other.lock) {
                synchronized (lock) {
                  return target.write(ByteBuffer.wrap(data));
                }
              }
            }
            synchronized (lock) {
              byte[] copy = data.clone();
            }
            return 0;""").replace("synchronized (this) {\n      synchronized (lock) {", "{\n      synchronized (lock) {");
    write("MemFile.java", ordered);
    assertThat(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()).findings())
        .extracting(Finding::rule).doesNotContain(Rule.FAULT_UNDER_LOCK);
    // The same nesting without the comparison is the deadlock.
    write("MemFile.java", ordered.replace(
        "System.identityHashCode(other) < System.identityHashCode(this)", "other != this"));
    assertThat(Programs.of(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()),
        Rule.FAULT_UNDER_LOCK)).extracting(Finding::severity).containsExactly(Severity.ERROR);
  }

  @Test
  void quietUnderASortedAcquireOfTheClass() throws IOException {
    write("MemFile.java", """
        import dev.faultlock.annotations.LockClass;
        import dev.faultlock.annotations.SortedAcquire;
        import java.nio.ByteBuffer;
        import java.nio.channels.WritableByteChannel;
        import java.util.concurrent.locks.ReentrantLock;

        public final class MemFile implements WritableByteChannel {
          @LockClass("file")
          private final ReentrantLock lock = new ReentrantLock();
          private byte[] data = new byte[0];

          public long transferTo(WritableByteChannel target) throws java.io.IOException {
            lockBoth(target);
            try {
              return target.write(ByteBuffer.wrap(data));
            } finally {
              lock.unlock();
            }
          }

          @SortedAcquire("file")
          private void lockBoth(WritableByteChannel target) {
            lock.lock();
          }

          @Override
          public int write(ByteBuffer src) {
            lock.lock();
            try {
              data = new byte[src.remaining()];
              return data.length;
            } finally {
              lock.unlock();
            }
          }

          @Override
          public boolean isOpen() {
            return true;
          }

          @Override
          public void close() {}
        }
        """);
    assertThat(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()).findings())
        .extracting(Finding::rule).doesNotContain(Rule.FAULT_UNDER_LOCK);
  }

  /** The channel is the method's own, not the caller's: the plain rules' business. */
  @Test
  void aChannelTheMethodKeepsIsNotAlien() throws IOException {
    write("MemFile.java", FILE.formatted(
        "synchronized (lock) { return sink.write(ByteBuffer.wrap(data)); }")
        .replace("private byte[] data", "private WritableByteChannel sink;\n  private byte[] data"));
    assertThat(Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build()).findings())
        .extracting(Finding::rule).doesNotContain(Rule.FAULT_UNDER_LOCK);
  }

  private void write(String name, String source) throws IOException {
    AppProgram.write(dir, name, source);
  }

  private List<Finding> analyse() {
    return AppProgram.analyse(dir, Rule.FAULT_UNDER_LOCK);
  }
}
