package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.Programs.analyze;
import static dev.faultlock.analyzer.Programs.of;
import static dev.faultlock.analyzer.Programs.steps;
import static dev.faultlock.analyzer.Programs.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import dev.faultlock.findings.LockGraph;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultUnderLockTest {
  @Test
  void copyUnderInodeLockFaultingIntoInodeLockIsAnError() {
    AnalysisResult r = analyze("fault");
    assertThat(r.problems()).isEmpty();
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Rule.FAULT_UNDER_LOCK);
      assertThat(where(f)).isEqualTo("BuggyFile.java:11");
      assertThat(f.location().file()).isEqualTo("src/test/resources/programs/fault/BuggyFile.java");
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(steps(f)).containsExactly(
          "BuggyFile.java:10: acquires lock `this` (class inode), synchronized method",
          "BuggyFile.java:11: calls `UserMemory.write`",
          "BuggyFile.java:16: faults -> `BuggyFile.fault`",
          "BuggyFile.java:17: acquires lock `this` (class inode)");
      assertThat(f.message())
          .startsWith("`UserMemory.write` may fault while lock `this` (class inode) is held: the fault runs"
              + " `BuggyFile.fault`, which acquires lock `this` (class inode), and two threads on two files"
              + " deadlock ABBA; fix: pre-acquire the locks");
    });
  }

  @Test
  void handlerTakingAnotherClassIsAWarningAndAnEdge() {
    AnalysisResult r = analyze("faultwarn");
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Rule.FAULT_UNDER_LOCK);
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(where(f)).isEqualTo("Journal.java:27");
      assertThat(steps(f)).containsExactly(
          "Journal.java:26: acquires lock `this` (class inode), synchronized method",
          "Journal.java:27: calls `Buffer.put`",
          "Journal.java:17: faults -> `Journal.fault`",
          "Journal.java:18: acquires lock `lock` (class journal)");
      assertThat(f.message()).contains("adding inode -> journal to the lock order");
    });
    assertThat(r.lockGraph().edges())
        .extracting(LockGraph.Edge::from, LockGraph.Edge::to)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("inode", "journal"));
    assertThat(r.lockGraph().edges().get(0).witness()).hasSize(4);
  }

  @Test
  void aCopyWhoseHandlersTakeThreeClassesIsOneErrorWithTheOtherClassesAsEdges() {
    AnalysisResult r = analyze("faultmany");
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Rule.FAULT_UNDER_LOCK);
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(where(f)).isEqualTo("Pages.java:39");
      assertThat(steps(f)).last().isEqualTo(
          "Pages.java:43: acquires lock `this` (class inode), synchronized method");
    });
    assertThat(r.lockGraph().edges())
        .extracting(LockGraph.Edge::from, LockGraph.Edge::to)
        .contains(org.assertj.core.groups.Tuple.tuple("inode", "journal"),
            org.assertj.core.groups.Tuple.tuple("inode", "cache"));
  }

  @Test
  void virtualDispatchThroughAnInterfaceToAnAnonymousClassAndAnInnerClass() {
    AnalysisResult r = analyze("inner");
    assertThat(of(r, Rule.FAULT_UNDER_LOCK)).singleElement().satisfies(f -> {
      assertThat(where(f)).isEqualTo("Inner.java:40");
      assertThat(steps(f)).containsExactly(
          "Inner.java:39: acquires lock `this` (class inode), synchronized method",
          "Inner.java:40: calls `Copier.copy`",
          "Inner.java:27: calls `Inode.Pages.copyAll`",
          "Inner.java:35: calls `Memory.write`",
          "Inner.java:44: faults -> `Inode.fault`",
          "Inner.java:44: acquires lock `this` (class inode), synchronized method");
    });
  }

  @Test
  void lambdasPassedToProgramAndLibraryMethods() {
    AnalysisResult r = analyze("lambda");
    assertThat(r.findings()).extracting(Programs::where)
        .containsExactly("Lambdas.java:20", "Lambdas.java:29");
    assertThat(steps(r.findings().get(0))).containsExactly(
        "Lambdas.java:19: acquires lock `this` (class inode)",
        "Lambdas.java:20: calls `Runnable.run`",
        "Lambdas.java:25: calls `Memory.write`",
        "Lambdas.java:33: faults -> `Inode.fault`",
        "Lambdas.java:33: acquires lock `this` (class inode), synchronized method");
    assertThat(steps(r.findings().get(1))).containsSequence(
        "Lambdas.java:29: calls `List.forEach`", "Lambdas.java:29: calls `Memory.write`");
  }

  @Test
  void deepChainOfTwelveCallsIsFollowed() {
    AnalysisResult r = analyze("deep");
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(where(f)).isEqualTo("Chain.java:15");
      List<String> steps = steps(f);
      assertThat(steps).hasSize(16);
      assertThat(steps.get(1)).isEqualTo("Chain.java:15: calls `Chain.step1`");
      assertThat(steps.get(12)).isEqualTo("Chain.java:59: calls `Chain.step12`");
      assertThat(steps.get(13)).isEqualTo("Chain.java:63: calls `Memory.write`");
    });
  }

  @Test
  void mutualRecursionReachesTheCopy() {
    AnalysisResult r = analyze("recursion");
    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(steps(f)).containsExactly(
        "Tree.java:17: acquires lock `this` (class inode), synchronized method",
        "Tree.java:18: calls `Tree.walk`",
        "Tree.java:23: calls `Tree.other`",
        "Tree.java:31: calls `Memory.write`",
        "Tree.java:38: faults -> `Tree.fault`",
        "Tree.java:38: acquires lock `this` (class inode), synchronized method"));
  }

  @Test
  void readLockThroughAnAccessorAndUserBufferCopies() {
    AnalysisResult r = analyze("rwlock");
    assertThat(r.findings()).first().satisfies(f -> {
      assertThat(where(f)).isEqualTo("Paged.java:25");
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(steps(f)).containsExactly(
          "Paged.java:23: acquires lock `file.readLock()` (class inode, shared)",
          "Paged.java:25: `ByteBuffer.put` touches @UserBuffer `dst`",
          "Paged.java:33: faults -> `PagedFile.fault`",
          "Paged.java:34: acquires lock `lock.writeLock()` (class inode)");
    });
  }

  /** {@code dev.faultlock.catalog.UserBufferCopies}: the same calls are copies in both passes. */
  @Test
  void bufferBookkeepingOnAUserBufferIsNotACopy() {
    AnalysisResult r = analyze("bookkeeping");
    assertThat(r.problems()).isEmpty();
    assertThat(of(r, Rule.FAULT_UNDER_LOCK))
        .extracting(f -> where(f) + " " + steps(f).get(1))
        .containsExactly(
            "Pages.java:22 Pages.java:22: `ByteBuffer.put` touches @UserBuffer `dst`",
            "Pages.java:23 Pages.java:23: `ByteBuffer.equals` touches @UserBuffer `dst`",
            "Pages.java:30 Pages.java:30: `WritableByteChannel.write` touches @UserBuffer `src`");
  }

  @Test
  void errorProneAndCheckerFrameworkPreconditionsAndStampedLocks() {
    AnalysisResult r = analyze("foreign");
    assertThat(r.findings()).extracting(f -> where(f) + " " + steps(f).get(0)).containsExactly(
        "Foreign.java:25 Foreign.java:24: holds lock `lock` (class segment) on entry (@GuardedBy)",
        "Foreign.java:31 Foreign.java:30: holds lock `lock` (class segment) on entry (@Holding)",
        "Foreign.java:37 Foreign.java:35: acquires lock `stamped` (class segment, shared)");
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.rule()).isEqualTo(Rule.FAULT_UNDER_LOCK));
  }
}
