package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.Programs.analyze;
import static dev.faultlock.analyzer.Programs.of;
import static dev.faultlock.analyzer.Programs.steps;
import static dev.faultlock.analyzer.Programs.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import dev.faultlock.findings.TraceSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockOrderTest {
  @Test
  void inversionThroughACallIsOneCycleWithBothWitnesses() {
    AnalysisResult r = analyze("inversion");
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Rule.LOCK_ORDER_INVERSION);
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(where(f)).isEqualTo("Accounts.java:22");
      assertThat(f.message()).startsWith("possible circular locking dependency: audit -> ledger -> audit");
      assertThat(steps(f)).containsExactly(
          "Accounts.java:21: acquires lock `audit` (class audit)",
          "Accounts.java:22: calls `Accounts.reconcile`",
          "Accounts.java:27: acquires lock `ledger` (class ledger)",
          "Accounts.java:13: acquires lock `ledger` (class ledger)",
          "Accounts.java:14: acquires lock `audit` (class audit)");
      // Each edge's witness under its own heading, so that the two paths do not run together.
      assertThat(f.sections()).extracting(TraceSection::title, s -> s.steps().size())
          .containsExactly(
              tuple("edge 1 of 2: audit -> ledger", 3), tuple("edge 2 of 2: ledger -> audit", 2));
      // The advice of a cycle, not the copy fixes of a fault.
      assertThat(f.message())
          .endsWith("fix: take these locks in one global order on every path (declare it with"
              + " @LockOrder), or do not hold one while taking the other")
          .doesNotContain("fault", "copy");
    });
    assertThat(r.lockGraph().cycles()).containsExactly(List.of("audit", "ledger"));
    assertThat(r.lockGraph().lockClasses()).containsExactly("audit", "ledger");
  }

  /**
   * The cycle search is bounded (six lock classes): what keeps it linear on lock graphs of
   * thousands of classes. A ring of seven is left out; a ring of three next to it is found.
   */
  @Test
  void cyclesThroughMoreThanSixLockClassesAreNotSearched(@TempDir Path dir) throws IOException {
    StringBuilder src = new StringBuilder("package rings;\nclass Rings {\n");
    for (String ring : List.of("a:7", "b:3")) {
      String name = ring.substring(0, 1);
      int n = Integer.parseInt(ring.substring(2));
      for (int i = 0; i < n; i++) {
        src.append("  private final Object ").append(name).append(i).append(" = new Object();\n");
        src.append("  void ").append(name).append(i).append("() { synchronized (").append(name)
            .append(i).append(") { synchronized (").append(name).append((i + 1) % n)
            .append(") { } } }\n");
      }
    }
    Files.createDirectories(dir.resolve("rings"));
    Files.writeString(dir.resolve("rings/Rings.java"), src.append("}\n").toString());

    AnalysisResult r = Analyzer.analyze(AnalyzerOptions.builder().source(dir).jobs(2).build());

    assertThat(r.lockGraph().edges()).hasSize(10);
    assertThat(r.lockGraph().cycles()).singleElement().satisfies(c -> assertThat(c).hasSize(3));
    assertThat(of(r, Rule.LOCK_ORDER_INVERSION)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("b0").doesNotContain("a0"));
  }

  @Test
  void bothOrdersUnderOneGateLockAreNotACycle() {
    AnalysisResult r = analyze("gated");
    assertThat(r.findings()).isEmpty();
    assertThat(r.lockGraph().cycles()).isEmpty();
    assertThat(r.lockGraph().edges()).hasSize(4);
  }

  @Test
  void declaredOrderViolationAndTheCycleItMakes() {
    AnalysisResult r = analyze("declared");
    assertThat(of(r, Rule.DECLARED_ORDER_VIOLATION)).singleElement().satisfies(f -> {
      assertThat(where(f)).isEqualTo("Ordered.java:24");
      assertThat(f.message()).isEqualTo("lock `inode` (class inode) is acquired while lock `journal` (class journal)"
          + " is held, but @LockOrder puts inode before journal; fix: take the inode lock first, or"
          + " release the journal lock before taking it");
      assertThat(steps(f)).containsExactly(
          "Ordered.java:23: acquires lock `journal` (class journal)",
          "Ordered.java:24: acquires lock `inode` (class inode)");
    });
    assertThat(of(r, Rule.LOCK_ORDER_INVERSION)).singleElement()
        .satisfies(f -> assertThat(where(f)).isEqualTo("Ordered.java:16"));
  }

  @Test
  void unsortedSameClassLocksUnlessOrderedByAKey() {
    AnalysisResult r = analyze("unsorted");
    assertThat(r.findings()).allSatisfy(f -> {
      assertThat(f.rule()).isEqualTo(Rule.UNSORTED_SAME_CLASS_LOCKS);
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
    });
    // unordered, nested monitors and through a call; not guarded(), not conditional().
    assertThat(r.findings()).extracting(Programs::where)
        .containsExactly("Transfer.java:24", "Transfer.java:39", "Transfer.java:77");
    assertThat(steps(r.findings().get(0))).containsExactly(
        "Transfer.java:22: acquires lock `a.lock` (class account)",
        "Transfer.java:24: acquires lock `b.lock` (class account)");
    assertThat(r.findings().get(0).message())
        .startsWith("lock `b.lock` (class account) is acquired while `a.lock` of the same class is held");
    assertThat(steps(r.findings().get(2))).containsExactly(
        "Transfer.java:75: acquires lock `a.lock` (class account)",
        "Transfer.java:77: calls `Transfer.deposit`",
        // The callee's `to` is the caller's `b`: the step names it as the message does.
        "Transfer.java:84: acquires lock `b.lock` (`to.lock` here, class account)");
    assertThat(r.findings().get(2).message()).contains("lock `b.lock` (class account) is acquired");
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.message())
        .endsWith("fix: take them sorted by a stable key, such as `if (a.id() < b.id())`, or through"
            + " a @SortedAcquire method")
        .doesNotContain("fault", "copy"));
  }

  @Test
  void aProgramClassImplementingAJdkInterfaceIsReachedFromTheInterfaceCall() {
    AnalysisResult r = analyze("channel");
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Rule.UNSORTED_SAME_CLASS_LOCKS);
      assertThat(where(f)).isEqualTo("Files.java:30");
      assertThat(steps(f)).containsExactly(
          "Files.java:28: acquires lock `this` (class inode), synchronized method",
          "Files.java:30: calls `FileChannel.write`",
          "Files.java:13: acquires lock `target` (`this` here, class inode), synchronized method");
      assertThat(f.message()).startsWith("lock `target` (class inode) is acquired while `this` of the same class is held");
    });
  }
}
