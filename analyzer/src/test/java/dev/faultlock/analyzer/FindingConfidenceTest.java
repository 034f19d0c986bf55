package dev.faultlock.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.TraceStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How sure a finding is ({@link FindingConfidence}): low when its witness goes through a target
 * class hierarchy chose, or takes a lock an entry point's caller hands in; high on a direct call
 * chain over the program's own locks. Each low shape has a high twin that differs in that one
 * respect.
 */
class FindingConfidenceTest {
  @TempDir Path dir;

  /** Two global locks taken in both orders, the inner one behind a call on {@code %s}. */
  private static final String PAIR = """
      public class Pair {
        static final Object FIRST = new Object();
        static final Object SECOND = new Object();
        %s

        void one() {
          synchronized (FIRST) {
            %s
          }
        }

        void two() {
          synchronized (SECOND) {
            synchronized (FIRST) { }
          }
        }
      }
      """;

  private static final String STORE = """
      interface Store {
        void flush();
      }
      """;

  private static final String TAKES_SECOND = """
      class %s implements Store {
        @Override
        public void flush() {
          synchronized (Pair.SECOND) { }
        }
      }
      """;

  /** Two accounts locked in argument order by a method of visibility {@code %s}. */
  private static final String TRANSFER = """
      public class Account {
        %s void transfer(Account from, Account to) {
          synchronized (from) {
            synchronized (to) { }
          }
        }
      }
      """;

  @Test
  void anInterfaceCallWithTwoImplementationsIsLow() throws IOException {
    write("Store.java", STORE);
    write("FileStore.java", TAKES_SECOND.formatted("FileStore"));
    write("MemoryStore.java", """
        class MemoryStore implements Store {
          @Override
          public void flush() { }
        }
        """);
    write("Pair.java", PAIR.formatted("Store store;", "store.flush();"));
    Finding cycle = only(Rule.LOCK_ORDER_INVERSION);
    assertThat(cycle.confidence()).isEqualTo(Confidence.LOW);
    // The step it is not sure of is the dispatched call, not the acquisitions.
    assertThat(low(cycle)).containsExactly("calls `Store.flush`");
  }

  @Test
  void aDirectCallChainOnTheProgramsOwnLocksIsHigh() throws IOException {
    write("Flusher.java", """
        class Flusher {
          void flush() {
            inner();
          }

          private void inner() {
            synchronized (Pair.SECOND) { }
          }
        }
        """);
    write("Pair.java", PAIR.formatted("final Flusher flusher = new Flusher();", "flusher.flush();"));
    Finding cycle = only(Rule.LOCK_ORDER_INVERSION);
    assertThat(cycle.confidence()).isEqualTo(Confidence.HIGH);
    assertThat(low(cycle)).isEmpty();
  }

  @Test
  void theOneImplementationOfAClosedInterfaceIsHigh() throws IOException {
    // Package-private and implemented once: every Store the call can be made on is a FileStore.
    write("Store.java", STORE);
    write("FileStore.java", TAKES_SECOND.formatted("FileStore"));
    write("Pair.java", PAIR.formatted("Store store;", "store.flush();"));
    assertThat(only(Rule.LOCK_ORDER_INVERSION).confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void theOneImplementationOfAPublicInterfaceIsLow() throws IOException {
    // A caller outside the program may hand in a Store of its own.
    write("Store.java", "public " + STORE);
    write("FileStore.java", TAKES_SECOND.formatted("FileStore"));
    write("Pair.java", PAIR.formatted("Store store;", "store.flush();"));
    assertThat(only(Rule.LOCK_ORDER_INVERSION).confidence()).isEqualTo(Confidence.LOW);
  }

  @Test
  void aLockThatIsAnEntryPointsParameterIsLow() throws IOException {
    write("Account.java", TRANSFER.formatted("public"));
    Finding f = only(Rule.UNSORTED_SAME_CLASS_LOCKS);
    assertThat(f.confidence()).isEqualTo(Confidence.LOW);
    assertThat(low(f))
        .containsExactly("acquires lock `from` (class Account)", "acquires lock `to` (class Account)");
  }

  @Test
  void theSameLocksOfTheProgramsOwnObjectsAreHigh() throws IOException {
    // The accounts are the program's, kept in its own list: nothing comes in from a caller.
    write("Account.java", """
        public class Account {
          private final java.util.List<Account> linked = new java.util.ArrayList<>();

          public synchronized void settle() {
            for (Account a : linked) {
              synchronized (a) { }
            }
          }
        }
        """);
    assertThat(only(Rule.UNSORTED_SAME_CLASS_LOCKS).confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void aPrivateMethodsParameterIsNotAnEntryPoint() throws IOException {
    // Its callers are the program's: what they hand in is theirs to name.
    write("Account.java", TRANSFER.formatted("private"));
    assertThat(only(Rule.UNSORTED_SAME_CLASS_LOCKS).confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void aCallOnAFunctionalInterfaceWithTwoLambdasOfItsShapeIsLow() throws IOException {
    write("Pair.java", PAIR.formatted("""
        Runnable task;

          void submit() {
            task = () -> { synchronized (SECOND) { } };
            Runnable other = () -> { };
            other.run();
          }""", "task.run();"));
    assertThat(only(Rule.LOCK_ORDER_INVERSION).confidence()).isEqualTo(Confidence.LOW);
  }

  @Test
  void aCallOnAFunctionalInterfaceWithOneLambdaOfItsShapeIsHigh() throws IOException {
    write("Pair.java", PAIR.formatted("""
        Runnable task;

          void submit() {
            task = () -> { synchronized (SECOND) { } };
          }""", "task.run();"));
    assertThat(only(Rule.LOCK_ORDER_INVERSION).confidence()).isEqualTo(Confidence.HIGH);
  }

  /** A packet locked while another is held; {@code %s}: how the method gets the inner one. */
  private static final String PACKETS = """
      public class Socket {
        private Packet last;

        void receive(Packet p) {
          synchronized (p) {
            %s
            fill(peek);
            peek.length();
          }
        }

        private void fill(Packet q) { }

        private Packet make() {
          return new Packet();
        }
      }
      """;

  private static final String PACKET = """
      public class Packet {
        public synchronized int length() {
          return 0;
        }
      }
      """;

  @Test
  void theMonitorOfAnObjectTheMethodMakesIsLow() throws IOException {
    // NetMulticastSocket.receive's `peekPacket`: no other thread has it unless `fill` publishes it.
    write("Packet.java", PACKET);
    write("Socket.java", PACKETS.formatted("Packet peek = new Packet();"));
    Finding f = only(Rule.UNSORTED_SAME_CLASS_LOCKS);
    assertThat(f.confidence()).isEqualTo(Confidence.LOW);
    assertThat(low(f)).singleElement().asString().contains("lock `peek`");
  }

  @Test
  void aMadeObjectTheMethodReturnsIsStillLowWhileItRuns() throws IOException {
    // jdk.zipfs's newByteChannel writes to the channel it makes, then returns it: until it
    // returns, no other thread has the object.
    write("Packet.java", PACKET);
    write("Socket.java", """
        public class Socket {
          Packet receive(Packet p) {
            synchronized (p) {
              Packet peek = new Packet();
              peek.length();
              return peek;
            }
          }
        }
        """);
    assertThat(only(Rule.UNSORTED_SAME_CLASS_LOCKS).confidence()).isEqualTo(Confidence.LOW);
  }

  @Test
  void aMadeObjectTheMethodStoresIsHigh() throws IOException {
    // Kept in a field, another thread may hold it.
    write("Packet.java", PACKET);
    write("Socket.java", PACKETS.formatted("Packet peek = new Packet();\n      last = peek;"));
    assertThat(only(Rule.UNSORTED_SAME_CLASS_LOCKS).confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void anObjectACallReturnsIsHigh() throws IOException {
    write("Packet.java", PACKET);
    write("Socket.java", PACKETS.formatted("Packet peek = make();"));
    assertThat(only(Rule.UNSORTED_SAME_CLASS_LOCKS).confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void aMethodThatRunsItselfOnItsParentUnderItsLockIsLow() throws IOException {
    // Phaser.doRegister: `final Phaser parent = this.parent`, then parent.doRegister under this.
    write("Node.java", """
        public class Node {
          private final Node parent;

          Node(Node parent) {
            this.parent = parent;
          }

          int register() {
            final Node up = this.parent;
            synchronized (this) {
              return up == null ? 0 : up.register();
            }
          }
        }
        """);
    Finding f = only(Rule.UNSORTED_SAME_CLASS_LOCKS);
    assertThat(f.confidence()).isEqualTo(Confidence.LOW);
    assertThat(low(f)).singleElement().asString().contains("lock `up`");
  }

  @Test
  void aMethodThatRunsItselfOnTheNodesItKeepsUnderTheirLockIsLow() throws IOException {
    // Lucene's IndexReader.reportCloseToParentReaders: parents kept in a set, locked the same way.
    write("Reader.java", """
        public class Reader {
          private final java.util.Set<Reader> parents = new java.util.HashSet<>();

          void reportClosed() {
            synchronized (parents) {
              for (Reader parent : parents) {
                parent.reportClosed();
              }
            }
          }
        }
        """);
    assertThat(only(Rule.UNSORTED_SAME_CLASS_LOCKS).confidence()).isEqualTo(Confidence.LOW);
  }

  /**
   * A composite policy that runs its operation on each region's policy from a lambda under its
   * own lock (BookKeeper's {@code RegionAwareEnsemblePlacementPolicy.onBookieRackChange});
   * {@code %s}: what the lambda runs on the region's policy.
   */
  private static final String COMPOSITE = """
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.locks.ReentrantReadWriteLock;

      class Policy {
        final ReentrantReadWriteLock rwLock = new ReentrantReadWriteLock();

        void onChange(List<String> names) {
          rwLock.writeLock().lock();
          try {
            names.size();
          } finally {
            rwLock.writeLock().unlock();
          }
        }

        void refresh(List<String> names) {
          rwLock.writeLock().lock();
          try {
            names.clear();
          } finally {
            rwLock.writeLock().unlock();
          }
        }
      }

      public class RegionPolicy extends Policy {
        private final Map<String, Policy> regions = new java.util.HashMap<>();

        @Override
        void onChange(List<String> names) {
          rwLock.writeLock().lock();
          try {
            names.forEach(name -> {
              Policy region = regions.get(name);
              region.%s(List.of(name));
            });
          } finally {
            rwLock.writeLock().unlock();
          }
        }
      }
      """;

  @Test
  void aCompositeRunningItsOperationOnAComponentFromALambdaIsLow() throws IOException {
    write("RegionPolicy.java", COMPOSITE.formatted("onChange"));
    assertThat(only(Rule.UNSORTED_SAME_CLASS_LOCKS).confidence()).isEqualTo(Confidence.LOW);
  }

  @Test
  void aCompositeRunningAnotherOperationOnAComponentFromALambdaIsHigh() throws IOException {
    // `refresh` is no walk of `onChange`: another operation, which may be run the other way.
    write("RegionPolicy.java", COMPOSITE.formatted("refresh"));
    assertThat(only(Rule.UNSORTED_SAME_CLASS_LOCKS).confidence()).isEqualTo(Confidence.HIGH);
  }

  /** A directory walk under the locks; {@code %s}: what the walk goes on from. */
  private static final String WALK = """
      public class Dir {
        final java.util.concurrent.locks.ReentrantLock lock =
            new java.util.concurrent.locks.ReentrantLock();

        Dir child(String name) {
          return this;
        }

        void walk(Dir root, Dir other, String[] names) {
          root.lock.lock();
          Dir parent = root;
          for (String name : names) {
            Dir current = parent.child(name);
            current.lock.lock();
            parent = %s;
          }
        }
      }
      """;

  @Test
  void aLockOfANodeAWalkReachesFromTheHeldOneIsLow() throws IOException {
    // Memoryfilesystem's withLockDo: each entry is read off the one before, root down.
    write("Dir.java", WALK.formatted("current"));
    Finding f = only(Rule.UNSORTED_SAME_CLASS_LOCKS);
    assertThat(f.confidence()).isEqualTo(Confidence.LOW);
    assertThat(low(f)).singleElement().asString().contains("lock `current.lock`");
  }

  @Test
  void aLockOfANodeReadOffSomethingElseIsHigh() throws IOException {
    // `parent` does not go on from `current`: no walk, any two directories.
    write("Dir.java", WALK.formatted("other"));
    assertThat(only(Rule.UNSORTED_SAME_CLASS_LOCKS).confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void aMethodThatRunsItselfOnWhatItIsHandedIsHigh() throws IOException {
    // `a.merge(b)` and `b.merge(a)` at once: the parameter is no link of this node.
    write("Node.java", """
        public class Node {
          synchronized int merge(Node other) {
            return other == this ? 0 : other.merge(this);
          }
        }
        """);
    assertThat(only(Rule.UNSORTED_SAME_CLASS_LOCKS).confidence()).isEqualTo(Confidence.HIGH);
  }

  @Test
  void aStepsConfidenceIsNotPartOfWhatTheStepIs() {
    TraceStep sure = new TraceStep(new dev.faultlock.findings.Location("A.java", 3, 0), "calls `m`");
    TraceStep unsure = sure.atMost(Confidence.LOW);
    assertThat(unsure).isEqualTo(sure).hasSameHashCodeAs(sure);
    assertThat(unsure.confidence()).isEqualTo(Confidence.LOW);
    assertThat(sure.atMost(Confidence.HIGH)).isSameAs(sure);
    assertThat(unsure.atMost(Confidence.HIGH).confidence()).isEqualTo(Confidence.LOW);
  }

  private void write(String name, String source) throws IOException {
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app").resolve(name), "package app;\n\n" + source);
  }

  private Finding only(Rule rule) {
    AnalysisResult r = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());
    assertThat(r.problems()).isEmpty();
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).rule()).isEqualTo(rule);
    return r.findings().get(0);
  }

  private static List<String> low(Finding f) {
    return f.trace().stream()
        .filter(s -> s.confidence() == Confidence.LOW)
        .map(TraceStep::description)
        .toList();
  }
}
