package dev.faultlock.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One object, one name, whatever route reaches it (SPEC, "A lock is the set of objects..."). */
class LockNamingTest {
  @TempDir Path dir;

  /**
   * The monitor of {@code Cache.class} is not the monitor of a cache: a static synchronized
   * method calling into an instance, and an instance method taking the class monitor, are a
   * cycle between two lock classes, not two locks of one class taken in program order.
   */
  @Test
  void aClassObjectIsALockClassOfItsOwn() throws IOException {
    AppProgram.write(dir, "Cache.java", """
        class Cache {
          static synchronized void flushAll(Cache c) {
            c.flush();
          }

          synchronized void flush() { }

          synchronized void evict() {
            synchronized (Cache.class) { }
          }
        }
        """);
    List<Finding> findings = analyze();
    assertThat(findings).extracting(Finding::rule).containsExactly(Rule.LOCK_ORDER_INVERSION);
    assertThat(findings.get(0).message()).contains("Cache -> Cache.class -> Cache");
  }

  /**
   * The class object of a type the sources do not have (a class of a missing jar) is still a
   * lock of its own, named as written: the method is analysed, not given up on.
   */
  @Test
  void aClassObjectOfATypeNoSourceHasIsALockClassAsWritten() throws IOException {
    AppProgram.write(dir, "Pool.java", """
        class Pool {
          synchronized void drain() {
            synchronized (Missing.class) {
              refill();
            }
          }

          static void refill() {
            synchronized (Missing.class) {
              new Pool().drain();
            }
          }
        }
        """);
    List<Finding> findings = analyze();
    assertThat(findings).extracting(Finding::rule).containsExactly(Rule.LOCK_ORDER_INVERSION);
    assertThat(findings.get(0).message()).contains("Missing.class");
  }

  @Test
  void aClassObjectTakenTwiceIsReentrant() throws IOException {
    AppProgram.write(dir, "Registry.java", """
        class Registry {
          static synchronized void register() {
            synchronized (Registry.class) { }
          }
        }
        """);
    assertThat(analyze()).isEmpty();
  }

  /**
   * A base-class {@code synchronized} method running on a connection takes that connection's
   * monitor, which the pool elsewhere locks as a {@code Conn}: one object, one lock class.
   */
  @Test
  void aBaseClassMonitorOnASubclassInstanceIsThatInstancesLock() throws IOException {
    AppProgram.write(dir, "Base.java", "class Base {\n  synchronized void touch() { }\n}\n");
    AppProgram.write(dir, "Conn.java", "class Conn extends Base { }\n");
    AppProgram.write(dir, "Pool.java", """
        class Pool {
          void release(Conn c) {
            synchronized (c) {
              synchronized (this) { }
            }
          }

          synchronized void validate(Conn c) {
            c.touch();
          }
        }
        """);
    List<Finding> findings = analyze();
    assertThat(findings).extracting(Finding::rule).containsExactly(Rule.LOCK_ORDER_INVERSION);
    assertThat(findings.get(0).message()).contains("Conn -> Pool -> Conn");
  }

  /** A helper locks the object it is passed; {@code %s} annotates its parameter. */
  private static final String PARAMETERS = """
      class Parameters {
        private final Object someObject = new Object();

        void direct() {
          synchronized (someObject) {
            synchronized (this) { }
          }
        }

        synchronized void viaParameter() {
          lockIt(someObject);
        }

        static void lockIt(%sObject o) {
          synchronized (o) { }
        }
      }
      """;

  /**
   * An object passed to a helper that locks its parameter is the caller's field lock, as when
   * the caller locks the field itself; a {@code @LockClass} on the parameter names it instead.
   */
  @Test
  void aLockPassedAsAnArgumentKeepsTheCallersName() throws IOException {
    AppProgram.write(dir, "Parameters.java", PARAMETERS.formatted(""));
    List<Finding> findings = analyze();
    assertThat(findings).extracting(Finding::rule).containsExactly(Rule.LOCK_ORDER_INVERSION);
    assertThat(findings.get(0).message()).contains("Parameters -> Parameters.someObject -> Parameters");
  }

  @Test
  void aLockClassOnTheParameterNamesTheObjectsItCovers() throws IOException {
    AppProgram.write(dir, "Parameters.java",
        PARAMETERS.formatted("@dev.faultlock.annotations.LockClass(\"slot\") "));
    assertThat(analyze()).isEmpty();
  }

  /**
   * An interface-typed argument whose implementation, reached by dispatch further down, locks
   * itself keeps the implementation's name (jimfs's {@code transferFrom} of a channel that may be
   * another file's): the caller's declared type names it no better.
   */
  @Test
  void aLockNamedByDispatchBelowTheCallKeepsItsName() throws IOException {
    AppProgram.write(dir, "Source.java", "interface Source {\n  int read();\n}\n");
    AppProgram.write(dir, "Chan.java", """
        class Chan implements Source {
          @Override
          public synchronized int read() { return 0; }

          synchronized void transferFrom(Source src) {
            Copier.copy(src);
          }
        }
        """);
    AppProgram.write(dir, "Copier.java", """
        class Copier {
          static void copy(Source s) {
            s.read();
          }
        }
        """);
    List<Finding> findings = analyze();
    assertThat(findings).extracting(Finding::rule).containsExactly(Rule.UNSORTED_SAME_CLASS_LOCKS);
    assertThat(findings.get(0).message()).startsWith("lock `src` (class Chan) is acquired while `this` of the same class is held");
  }

  private List<Finding> analyze() {
    AnalysisResult r = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());
    assertThat(r.problems()).isEmpty();
    return r.findings();
  }
}
