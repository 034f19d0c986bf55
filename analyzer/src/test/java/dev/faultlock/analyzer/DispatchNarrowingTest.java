package dev.faultlock.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-hierarchy dispatch narrowed where it made "another object of my class" out of thin air
 * (docs/evaluation.md, cause 2): a decorator forwarding {@code m} to the object it wraps, calls on
 * the JDK's own iterators and views, and {@code equals}/{@code hashCode}/{@code toString} on a
 * receiver typed {@code Object}. Each quiet shape has a reported twin the narrowing keeps.
 */
class DispatchNarrowingTest {
  @TempDir Path dir;

  private static final String STORE = """
      interface Store {
        void close();
      }
      """;

  private static final String FILE_STORE = """
      class FileStore implements Store {
        @Override
        public synchronized void close() { }
      }
      """;

  /**
   * A decorator taking two global locks: {@code close} holds {@code SECOND} while it forwards, and
   * takes {@code FIRST} then {@code SECOND}. Were the forwarded call to reach {@code
   * Audited.close} itself, that would be {@code FIRST} under {@code SECOND}: a cycle. {@code %s}
   * is one more method.
   */
  private static final String AUDITED = """
      class Audited implements Store {
        static final Object FIRST = new Object();
        static final Object SECOND = new Object();
        private final Store inner;

        Audited(Store inner) { this.inner = inner; }

        @Override
        public void close() {
          synchronized (SECOND) {
            inner.close();
          }
          synchronized (FIRST) {
            synchronized (SECOND) { }
          }
        }

        %s
      }
      """;

  @Test
  void aDecoratorForwardsToTheObjectItWraps() throws IOException {
    write("Store.java", STORE);
    write("FileStore.java", FILE_STORE);
    write("Audited.java", AUDITED.formatted(""));
    assertThat(analyse(Rule.LOCK_ORDER_INVERSION)).isEmpty();
  }

  @Test
  void aCallOnAnotherStoreThatIsNotForwardingStillReachesTheDecorator() throws IOException {
    write("Store.java", STORE);
    write("FileStore.java", FILE_STORE);
    // flush is not close: inner.close() there may be another Audited's close.
    write("Audited.java", AUDITED.formatted(
        "void flush() { synchronized (SECOND) { inner.close(); } }"));
    assertThat(lines(analyse(Rule.LOCK_ORDER_INVERSION))).containsExactly("Audited.java:16");
  }

  @Test
  void aLocalReceiverIsNotForwarding() throws IOException {
    write("Store.java", STORE);
    write("FileStore.java", FILE_STORE);
    // Only what the object keeps in a field is taken to be the object it wraps.
    write("Audited.java", AUDITED.formatted("")
        .replace("inner.close();", "Store target = inner; target.close();"));
    assertThat(lines(analyse(Rule.LOCK_ORDER_INVERSION))).containsExactly("Audited.java:16");
  }

  @Test
  void aDecoratorReachedThroughSuperForwardsToo() throws IOException {
    write("Store.java", STORE);
    write("FileStore.java", FILE_STORE);
    write("Decorated.java", """
        class Decorated implements Store {
          private final Store inner;

          Decorated(Store inner) { this.inner = inner; }

          @Override
          public void close() {
            inner.close();
          }
        }
        """);
    write("Synced.java", """
        class Synced extends Decorated {
          static final Object FIRST = new Object();
          static final Object SECOND = new Object();

          Synced(Store inner) { super(inner); }

          @Override
          public void close() {
            synchronized (SECOND) {
              super.close();
            }
            synchronized (FIRST) {
              synchronized (SECOND) { }
            }
          }
        }
        """);
    assertThat(analyse(Rule.LOCK_ORDER_INVERSION)).isEmpty();
  }

  @Test
  void aChainOfOneClassStillDispatchesToItself() throws IOException {
    write("Store.java", STORE);
    write("Chain.java", """
        class Chain implements Store {
          private Chain next;

          @Override
          public synchronized void close() {
            Chain peer = next;
            if (peer != null) peer.close();
          }
        }
        """);
    assertThat(lines(analyse())).containsExactly("Chain.java:9");
  }

  @Test
  void theJdkOwnIteratorsAndViewsRunNoProgramCode() throws IOException {
    write("Pages.java", """
        import java.util.HashMap;
        import java.util.Iterator;

        class Pages implements Iterator<String> {
          private final HashMap<String, String> map = new HashMap<>();

          @Override
          public synchronized boolean hasNext() { return false; }

          @Override
          public synchronized String next() { return null; }

          synchronized void drain() {
            Iterator<String> it = map.keySet().iterator();
            while (it.hasNext()) {
              it.next();
            }
            map.values().iterator().next();
          }

          synchronized void drain(Iterator<String> it) {
            while (it.hasNext()) {
              it.next();
            }
          }
        }
        """);
    assertThat(lines(analyse())).containsExactly("Pages.java:24", "Pages.java:25");
  }

  @Test
  void objectMethodsOnAnObjectReceiverStayInTheCallersClass() throws IOException {
    write("Box.java", """
        class Box {
          private Object item;
          private Other other;

          synchronized boolean holds(Object o) {
            return o.equals(item);
          }

          @Override
          public synchronized boolean equals(Object o) {
            return o == this;
          }

          @Override
          public int hashCode() { return 1; }
        }
        """);
    write("Other.java", """
        class Other {
          private final Box box = new Box();

          @Override
          public synchronized boolean equals(Object o) {
            synchronized (box) {
              return o == this;
            }
          }

          @Override
          public int hashCode() { return 2; }
        }
        """);
    // Box.holds reaches Box.equals of another box (the synchronized-collections hazard), not
    // Other.equals: no Box -> Other edge, so no cycle with Other -> Box.
    List<Finding> findings = analyse();
    assertThat(lines(findings)).containsExactly("Box.java:8");
    assertThat(findings.get(0).message()).startsWith("lock `o` (class Box) is acquired while `this` of the same class is held");
  }

  /** Writes {@code source} as {@code app/name}, in package {@code app} (two lines above it). */
  private void write(String name, String source) throws IOException {
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app").resolve(name), "package app;\n\n" + source);
  }

  private List<Finding> analyse() {
    return analyse(Rule.UNSORTED_SAME_CLASS_LOCKS);
  }

  /** The findings, all of {@code rule}. */
  private List<Finding> analyse(Rule rule) {
    AnalysisResult r = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());
    assertThat(r.problems()).isEmpty();
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.rule()).isEqualTo(rule));
    return r.findings();
  }

  private static List<String> lines(List<Finding> findings) {
    return findings.stream()
        .map(f -> Path.of(f.location().file()).getFileName() + ":" + f.location().line())
        .toList();
  }
}
