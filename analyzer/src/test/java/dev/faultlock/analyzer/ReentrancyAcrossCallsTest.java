package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.AppProgram.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-taking the very object already held is reentrant, also when the second acquisition is
 * reached through {@code super.m()}, a lambda or method reference the holder runs, {@code
 * Outer.this}, or a lock looked up again by the same key (the false positives of
 * docs/evaluation.md, cause 1). Each quiet shape has a reported twin in which the second lock
 * really is another object.
 */
class ReentrancyAcrossCallsTest {
  @TempDir Path dir;

  @Test
  void superCallReTakesThisObject() throws IOException {
    write("Handler.java", """
        class Handler {
          synchronized void close() { }
        }
        """);
    write("FileHandler.java", """
        class FileHandler extends Handler {
          @Override
          synchronized void close() { }

          synchronized void rotate() {
            super.close();
          }

          synchronized void rotateOther(FileHandler other) {
            other.close();
          }
        }
        """);
    assertThat(lines(analyse())).containsExactly("FileHandler.java:12");
  }

  @Test
  void lambdaAndMethodReferenceRunByTheHolderReTakeItsLock() throws IOException {
    write("Monitor.java", """
        import java.util.List;
        import java.util.Map;

        class Monitor {
          private final Map<String, Monitor> monitorMap = new java.util.HashMap<>();

          void addAll(List<String> names) {
            synchronized (monitorMap) {
              names.forEach(n -> {
                synchronized (monitorMap) {
                  monitorMap.remove(n);
                }
              });
              names.forEach(this::add);
            }
          }

          void add(String name) {
            synchronized (monitorMap) {
              monitorMap.remove(name);
            }
          }

          void addToOther(List<String> names, Monitor other) {
            synchronized (monitorMap) {
              names.forEach(other::add);
            }
          }

          void addInOther(List<String> names, Monitor other) {
            synchronized (monitorMap) {
              names.forEach(n -> {
                synchronized (other.monitorMap) {
                  other.monitorMap.remove(n);
                }
              });
            }
          }
        }
        """);
    assertThat(lines(analyse())).containsExactly("Monitor.java:28", "Monitor.java:34");
    // The receivers method references are bound to survive the per-file cache (the second run
    // reads Monitor's facts from it: only Extra changed).
    Path cache = dir.resolve("cache");
    for (int run = 0; run < 2; run++) {
      write("Extra.java", "class Extra { int run = " + run + "; }\n");
      AnalysisResult r = Analyzer.analyze(
          AnalyzerOptions.builder().source(dir.resolve("app")).jobs(2).cacheDir(cache).build());
      assertThat(lines(r.findings())).containsExactly("Monitor.java:28", "Monitor.java:34");
    }
  }

  /**
   * A method reference kept in a local and called through its interface runs on the object it
   * is bound to, not on the local, which holds the function (lucene's {@code IndexWriter}: {@code
   * Closeable finalizer = this::checkpoint} closed under the writer's lock). Which object that is
   * the call does not say, so it is not another writer; the direct call on another writer is.
   */
  @Test
  void aMethodReferenceCalledThroughALocalRunsOnItsBoundObject() throws IOException {
    write("Writer.java", """
        import java.io.Closeable;
        import java.io.IOException;

        class Writer {
          synchronized void checkpoint() { }

          synchronized void merge() throws IOException {
            try (Closeable finalizer = this::checkpoint) {
              finalizer.close();
            }
          }

          synchronized void mergeInto(Writer other) {
            other.checkpoint();
          }
        }
        """);
    assertThat(lines(analyse())).containsExactly("Writer.java:16");
  }

  /**
   * An inner class naming its enclosing object's lock field by its simple name holds the
   * enclosing object's lock (CopyOnWriteArrayList's sublist): calling back into that object
   * re-takes it. The same call on another object's lock is a second object of the class.
   */
  @Test
  void anOuterFieldReadInAnInnerClassIsTheOuterObjectsLock() throws IOException {
    write("Outer.java", """
        class Outer {
          private final Object lock = new Object();

          void set() { synchronized (lock) { } }

          class View {
            void set() {
              synchronized (lock) {
                Outer.this.set();
              }
            }

            void copyTo(Outer other) {
              synchronized (lock) {
                other.set();
              }
            }
          }
        }
        """);
    assertThat(lines(analyse())).containsExactly("Outer.java:17");
  }

  @Test
  void outerThisIsThisOutsideInnerClasses() throws IOException {
    write("Outer.java", """
        class Outer {
          synchronized void helper() { }

          synchronized void viaLambda(Runnable r) {
            Runnable task = () -> {
              synchronized (Outer.this) {
                helper();
              }
            };
            task.run();
          }

          class Inner {
            void work(Outer other) {
              synchronized (Outer.this) {
                helper();
              }
              synchronized (Outer.this) {
                other.helper();
              }
            }
          }
        }
        """);
    assertThat(lines(analyse())).containsExactly("Outer.java:21");
  }

  @Test
  void aLockLookedUpAgainByTheSameKeyIsTheSameLock() throws IOException {
    write("Ledgers.java", """
        import java.util.concurrent.locks.Lock;
        import java.util.concurrent.locks.ReentrantLock;

        class Ledgers {
          private final Lock[] stripes = new Lock[16];

          Lock getLock(long ledgerId) {
            return stripes[(int) (ledgerId & 15)];
          }

          void addEntry(long ledgerId) {
            Lock lock = getLock(ledgerId);
            lock.lock();
            try {
              createNewLog(ledgerId);
            } finally {
              lock.unlock();
            }
          }

          void createNewLog(long ledgerId) {
            Lock lock = getLock(ledgerId);
            lock.lock();
            try {
              stripes[0] = new ReentrantLock();
            } finally {
              lock.unlock();
            }
          }

          void moveEntry(long from, long to) {
            Lock lock = getLock(from);
            lock.lock();
            try {
              createNewLog(to);
            } finally {
              lock.unlock();
            }
          }
        }
        """);
    List<Finding> findings = analyse();
    assertThat(lines(findings)).containsExactly("Ledgers.java:37");
    assertThat(findings.get(0).message())
        .startsWith("lock `getLock(ledgerId)` (class Lock) is acquired while `getLock(from)` of the same class is held");
  }

  /**
   * Kafka 3.9's {@code Metrics.removeSensor} takes the sensor, then the registry, then calls a
   * synchronized method of the sensor it already holds: that re-entry waits for nothing, so the
   * registry is not ordered before the sensor (it is the very order Kafka keeps to avoid the
   * inversion). Its twin calls into another sensor under the registry, and that cycle is real.
   */
  @Test
  void reEntryThroughACallOrdersNothingAfterTheOtherHeldLocks() throws IOException {
    write("Sensor.java", """
        class Sensor {
          synchronized int metrics() { return 0; }

          synchronized void record(Registry registry) {
            registry.touch();
          }
        }
        """);
    write("Registry.java", """
        class Registry {
          synchronized void touch() { }

          void remove(Sensor sensor) {
            synchronized (sensor) {
              synchronized (this) {
                sensor.metrics();
              }
            }
          }

          void removeOther(Sensor sensor, Sensor other) {
            synchronized (sensor) {
              synchronized (this) {
                other.metrics();
              }
            }
          }
        }
        """);
    AnalysisResult r = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());
    assertThat(r.findings())
        .filteredOn(f -> f.rule() == Rule.LOCK_ORDER_INVERSION)
        .singleElement()
        .satisfies(f -> assertThat(f.trace())
            .map(step -> step.location().line() + " " + step.description())
            .contains("17 calls `Sensor.metrics`")
            .doesNotContain("10 calls `Sensor.metrics`"));
  }

  private void write(String name, String source) throws IOException {
    AppProgram.write(dir, name, source);
  }

  private List<Finding> analyse() {
    return AppProgram.analyse(dir, Rule.UNSORTED_SAME_CLASS_LOCKS);
  }
}
