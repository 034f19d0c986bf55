package dev.faultlock.locks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.callgraph.Dispatch;
import dev.faultlock.callgraph.FunctionBindings;
import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.findings.Problem;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.ir.CallSite;
import dev.faultlock.ir.HandBuiltIr;
import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.LockOp;
import dev.faultlock.ir.LoweringContext;
import dev.faultlock.ir.Var;
import dev.faultlock.source.FileDeclarations;
import dev.faultlock.source.JavaSources;
import dev.faultlock.source.LibraryTypes;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.SourceFile;
import dev.faultlock.summary.LibrarySummaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock state on hand-written IR, as the lowering makes it: {@code finally} code copied onto every
 * way out, exceptional edges to handlers, {@code tryLock} results branched on. Events read as
 * {@code L<line> <what> holding [locks]}.
 */
class LockStateAnalysisTest {
  private static final String REENTRANT = "java.util.concurrent.locks.ReentrantLock";
  private static final LockRef LOCK = new LockRef("Inode.lock", "lock", "this.lock", false);
  private static final LockRef DIR = new LockRef("Dir.lock", "dir.lock", "p0.lock", false);
  private static final LockRef MONITOR = new LockRef("Inode", "this", "this", false);

  @TempDir static Path dir;
  private static ProgramIndex index;
  private static LockNames names;

  @BeforeAll
  static void program() throws IOException {
    Files.writeString(dir.resolve("Inode.java"), """
        package p;
        import dev.faultlock.annotations.Holding;
        import java.util.concurrent.locks.ReentrantLock;
        class Inode {
          final ReentrantLock lock = new ReentrantLock();
          void plain() {}
          @Holding("lock") void holding() {}
          synchronized void sync() {}
          static synchronized void staticSync() {}
        }
        """);
    AnalyzerOptions options = AnalyzerOptions.builder().source(dir).jobs(1).build();
    JavaSources.Parsed parsed = JavaSources.parse(options);
    List<Problem> problems = new ArrayList<>(parsed.problems());
    List<FileDeclarations> declared = new ArrayList<>();
    for (SourceFile f : parsed.files()) declared.add(ProgramIndex.declare(f, problems));
    index = ProgramIndex.build(declared, new LibraryTypes(List.of(), problems), 1);
    assertThat(problems).isEmpty();
    names = new LockNames(index, java.util.Map.of());
  }

  private static MethodInfo method(String name) {
    return index.type("p.Inode").methods().stream()
        .filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  private static HandBuiltIr plain() {
    return new HandBuiltIr(method("plain"));
  }

  private static MethodFacts facts(IrMethod ir) {
    LoweringContext cx = new LoweringContext(
        index, new Dispatch(index), names, new FunctionBindings(), LibrarySummaries.none(),
        FaultMethods.NONE);
    List<Held> onEntry = EntryLocks.of(cx, ir.method()).held();
    return LockStateAnalysis.facts(ir, onEntry, names, Guards.NONE, List.of(), false, 0);
  }

  // Call sites as the lowering resolves them.

  private static CallSite lockApi(String name, LockOp op) {
    return new CallSite("ReentrantLock." + name, REENTRANT, name, 0, List.of(), REENTRANT,
        CallContext.NONE, List.of(op), null, true);
  }

  private static CallSite lock(LockRef l) {
    return lockApi("lock", new LockOp.Acquire(l, true, "acquires " + l.describe()));
  }

  private static CallSite tryLock(LockRef l) {
    return lockApi("tryLock", new LockOp.Acquire(l, false, "tries " + l.describe()));
  }

  private static CallSite unlock(LockRef l) {
    return lockApi("unlock", new LockOp.Release(l));
  }

  private static CallSite call(String callee, LockOp... ops) {
    return new CallSite(callee, "p.Inode", callee.substring(callee.indexOf('.') + 1), 0,
        List.of(), null, CallContext.NONE, List.of(ops), null, false);
  }

  /** A call handed a {@code @UserBuffer}: it may fault. */
  private static CallSite copyIn() {
    return new CallSite("Inode.copyIn", "p.Inode", "copyIn", 1, List.of(), null,
        CallContext.NONE, List.of(),
        new CallSite.FaultSite("", "`Inode.copyIn` touches @UserBuffer `buf`"), false);
  }

  private static List<String> events(MethodFacts f) {
    return f.events().stream().map(LockStateAnalysisTest::render).toList();
  }

  private static String render(LockEvent e) {
    String what;
    if (e instanceof LockEvent.Acquire a) {
      what = (a.blocking() ? "acquires " : "tries ") + a.lock().text();
    } else if (e instanceof LockEvent.Call c) {
      what = "calls " + c.callee();
    } else {
      what = "faults in " + ((LockEvent.Fault) e).callee();
    }
    String held = e.held().stream().map(h -> h.lock().text()).collect(Collectors.joining(", "));
    String covered = e.covered().isEmpty() ? "" : " covered " + e.covered();
    return "L" + e.at().line() + " " + what + " holding [" + held + "]" + covered;
  }

  private static List<String> texts(List<LockRef> locks) {
    return locks.stream().map(LockRef::text).toList();
  }

  @Test
  void breakOutOfTryFinallyReleasesTheLockBeforeTheLoopEnds() {
    // while (true) { lock.lock(); try { if (c) break; work(); } finally { lock.unlock(); } }
    // after();
    HandBuiltIr b = plain();
    Var c = b.var("c");
    Var e = b.var("e");
    IrMethod ir = b
        .line(2).label("head")
        .line(3).call(null, lock(LOCK))
        .beginTry("finally")
        .line(4).literal(c, "?").ifTrue(c, "break")
        .line(5).call(null, call("Inode.work"))
        .endTry()
        .line(7).call(null, unlock(LOCK)).jump("head")
        .label("break").call(null, unlock(LOCK)).jump("after")
        .handler("finally", e).call(null, unlock(LOCK)).throwIt(e)
        .line(9).label("after").call(null, call("Inode.after")).ret()
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L3 acquires lock holding []",
        "L5 calls Inode.work holding [lock]",
        "L9 calls Inode.after holding []");
    assertThat(f.heldOnReturn()).isEmpty();
    assertThat(f.releasedUnheld()).isEmpty();
  }

  @Test
  void continueAndReturnOutOfSynchronizedExitTheMonitor() {
    // for (;;) { synchronized (this) { if (c) continue; if (d) { done(); return; } work(); } }
    HandBuiltIr b = plain();
    Var self = b.thisVar();
    Var c = b.var("c");
    Var d = b.var("d");
    Var e = b.var("e");
    IrMethod ir = b
        .line(2).label("head")
        .line(3).enter(self, MONITOR)
        .beginTry("exit")
        .line(4).literal(c, "?").ifTrue(c, "continue")
        .line(5).literal(d, "?").ifTrue(d, "return")
        .line(6).call(null, call("Inode.work"))
        .endTry()
        .line(7).exit(self, MONITOR).jump("head")
        .label("continue").exit(self, MONITOR).jump("head")
        .label("return").exit(self, MONITOR)
        .line(5).call(null, call("Inode.done")).ret()
        .line(7).handler("exit", e).exit(self, MONITOR).throwIt(e)
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L3 acquires this holding []",
        "L6 calls Inode.work holding [this]",
        "L5 calls Inode.done holding []");
    assertThat(f.heldOnReturn()).isEmpty();
    assertThat(f.releasedUnheld()).isEmpty();
  }

  @Test
  void anExceptionReleasesTheLockThroughTheCatchAllAndACallThatThrewTookNothing() {
    // try { lock.lock(); try { work(); } finally { lock.unlock(); } } catch (Exception x) {
    //   recover(); }
    HandBuiltIr b = plain();
    Var e = b.var("e");
    Var x = b.var("x");
    IrMethod ir = b
        .beginTry("catch")
        .line(2).call(null, lock(LOCK))
        .beginTry("finally")
        .line(3).call(null, call("Inode.work"))
        .endTry()
        .line(4).call(null, unlock(LOCK))
        .endTry()
        .ret()
        .handler("finally", e)
        .beginTry("catch").call(null, unlock(LOCK)).throwIt(e).endTry()
        .line(5).handler("catch", x).call(null, call("Inode.recover")).ret()
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L2 acquires lock holding []",
        "L3 calls Inode.work holding [lock]",
        "L5 calls Inode.recover holding []");
    assertThat(f.releasedUnheld()).isEmpty();
  }

  @Test
  void aSuccessfulTryLockHoldsItsLockOnTheTrueBranchOnly() {
    // if (lock.tryLock()) { work(); lock.unlock(); } else { fallback(); }
    HandBuiltIr b = plain();
    Var r = b.var("r");
    IrMethod ir = b
        .line(2).call(r, null, tryLock(LOCK)).ifTrue(r, "taken")
        .line(5).call(null, call("Inode.fallback")).ret()
        .label("taken")
        .line(3).call(null, call("Inode.work"))
        .line(4).call(null, unlock(LOCK)).ret()
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L2 tries lock holding []",
        "L5 calls Inode.fallback holding []",
        "L3 calls Inode.work holding [lock]");
    assertThat(f.events().get(0)).isInstanceOfSatisfying(LockEvent.Acquire.class,
        a -> assertThat(a.blocking()).isFalse());
    assertThat(f.heldOnReturn()).isEmpty();
    assertThat(f.releasedUnheld()).isEmpty();
  }

  @Test
  void aNegatedTryLockResultHoldsTheLockWhereTheNegationIsFalse() {
    // boolean ok = lock.tryLock(); if (!ok) { fallback(); return; } work(); lock.unlock();
    HandBuiltIr b = plain();
    Var r = b.var("$t0");
    Var ok = b.var("ok");
    Var n = b.var("$t1");
    IrMethod ir = b
        .line(2).call(r, null, tryLock(LOCK)).copy(ok, r)
        .line(3).not(n, ok).ifTrue(n, "failed")
        .line(4).call(null, call("Inode.work"))
        .line(5).call(null, unlock(LOCK)).ret()
        .label("failed")
        .line(3).call(null, call("Inode.fallback")).ret()
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L2 tries lock holding []",
        "L4 calls Inode.work holding [lock]",
        "L3 calls Inode.fallback holding []");
    assertThat(f.heldOnReturn()).isEmpty();
  }

  @Test
  void aTryLockResultNoBranchReadsCountsAsHeldButNotAsReturnedHolding() {
    // lock.tryLock(); work(); return;
    HandBuiltIr b = plain();
    Var r = b.var("r");
    IrMethod ir = b
        .line(2).call(r, null, tryLock(LOCK))
        .line(3).call(null, call("Inode.work")).ret()
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L2 tries lock holding []",
        "L3 calls Inode.work holding [lock]");
    assertThat(f.heldOnReturn()).isEmpty();
  }

  @Test
  void reEntryMakesNoEventAndOnlyTheOuterExitReleases() {
    // synchronized (this) { synchronized (this) { inner(); } between(); } after();
    // lock.lock(); lock.lock(); lock.unlock(); stillHeld(); lock.unlock(); free();
    HandBuiltIr b = plain();
    Var self = b.thisVar();
    IrMethod ir = b
        .line(2).enter(self, MONITOR)
        .line(3).enter(self, MONITOR)
        .line(4).call(null, call("Inode.inner")).exit(self, MONITOR)
        .line(5).call(null, call("Inode.between")).exit(self, MONITOR)
        .line(6).call(null, call("Inode.after"))
        .line(7).call(null, lock(LOCK)).call(null, lock(LOCK)).call(null, unlock(LOCK))
        .line(8).call(null, call("Inode.stillHeld"))
        .line(9).call(null, unlock(LOCK)).call(null, call("Inode.free")).ret()
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L2 acquires this holding []",
        "L4 calls Inode.inner holding [this]",
        "L5 calls Inode.between holding [this]",
        "L6 calls Inode.after holding []",
        "L7 acquires lock holding []",
        "L8 calls Inode.stillHeld holding [lock]",
        "L9 calls Inode.free holding []");
    assertThat(f.releasedUnheld()).isEmpty();
  }

  @Test
  void unknownLockObjectsAreNeverReEntered() {
    LockRef unknown = new LockRef("Object", "pick()", LockRef.UNKNOWN, false);
    HandBuiltIr b = plain();
    Var v = b.var("$t0");
    IrMethod ir = b
        .line(2).enter(v, unknown)
        .line(3).enter(v, unknown)
        .line(4).call(null, call("Inode.work"))
        .build();

    assertThat(events(facts(ir))).containsExactly(
        "L2 acquires pick() holding []",
        "L3 acquires pick() holding [pick()]",
        "L4 calls Inode.work holding [pick(), pick()]");
  }

  @Test
  void aLoopThatLocksWithoutUnlockingTerminatesAndItsFirstTurnStillAcquires() {
    // while (c) { lock.lock(); } work();
    HandBuiltIr b = plain();
    Var c = b.var("c");
    IrMethod ir = b
        .line(2).label("head").literal(c, "?").ifTrue(c, "end")
        .line(3).call(null, lock(LOCK)).jump("head")
        .line(4).label("end").call(null, call("Inode.work"))
        .line(5).call(null, unlock(LOCK)).call(null, unlock(LOCK))
        .line(6).call(null, call("Inode.after")).ret()
        .build();

    MethodFacts f = facts(ir);

    // After any number of turns, however many releases follow, the lock may still be held.
    assertThat(events(f)).containsExactly(
        "L3 acquires lock holding []",
        "L4 calls Inode.work holding [lock]",
        "L6 calls Inode.after holding [lock]");
    assertThat(texts(f.heldOnReturn().stream().map(Held::lock).toList())).containsExactly("lock");
  }

  @Test
  void aGuardFactoryReturnsHoldingItsLockWithTheAcquisitionAsWitness() {
    // static Guard autoRelease(Lock lock) { if (fast) return NONE; lock.lock(); return guard; }
    HandBuiltIr b = plain();
    Var fast = b.var("fast");
    Var g = b.var("guard");
    IrMethod ir = b
        .line(2).literal(fast, "?").ifTrue(fast, "fast")
        .line(3).call(null, lock(DIR))
        .line(4).literal(g, "guard").ret(g)
        .line(5).label("fast").literal(g, "NONE").ret(g)
        .build();

    MethodFacts f = facts(ir);

    assertThat(f.heldOnReturn()).singleElement().satisfies(h -> {
      assertThat(h.lock()).isEqualTo(DIR);
      assertThat(Witness.steps(h.how())).extracting(TraceStep::description)
          .containsExactly("acquires lock `dir.lock` (class Dir.lock)");
      assertThat(h.how().step().location().line()).isEqualTo(3);
    });
    assertThat(f.releasedUnheld()).isEmpty();
  }

  @Test
  void aGuardClosedBeforeReturnIsNotHeldOnReturn() {
    // lock.lock(); try { work(); } finally { lock.unlock(); } return;
    HandBuiltIr b = plain();
    Var e = b.var("e");
    IrMethod ir = b
        .line(2).call(null, lock(DIR))
        .beginTry("finally").line(3).call(null, call("Inode.work")).endTry()
        .line(4).call(null, unlock(DIR)).ret()
        .handler("finally", e).call(null, unlock(DIR)).throwIt(e)
        .build();

    assertThat(facts(ir).heldOnReturn()).isEmpty();
  }

  @Test
  void aGuardCloseReleasesALockItDidNotTake() {
    // public void close() { lock.unlock(); }
    IrMethod close = plain().line(2).call(null, unlock(DIR)).ret().build();

    MethodFacts f = facts(close);

    assertThat(texts(f.releasedUnheld())).containsExactly("dir.lock");
    assertThat(f.events()).isEmpty();
    assertThat(f.heldOnReturn()).isEmpty();
  }

  @Test
  void aGuardHeldThroughTryWithResourcesIsReleasedByItsCloseOnEveryWayOut() {
    // try (Guard g = Guard.autoRelease(dir.lock)) { work(); } copyIn(buf);
    // with the summaries' effects: autoRelease returns holding the lock, close() releases it.
    CallSite autoRelease = call("Guard.autoRelease",
        new LockOp.Acquire(
            DIR, true, "acquires Dir.lock lock `dir.lock` (calls `Guard.autoRelease`)"));
    CallSite close = call("Guard.close", new LockOp.Release(DIR));
    HandBuiltIr b = plain();
    Var g = b.var("g");
    Var e = b.var("e");
    IrMethod ir = b
        .line(2).call(g, null, autoRelease)
        .beginTry("close").line(3).call(null, call("Inode.work")).endTry()
        .line(2).call(null, g, close)
        .line(4).call(null, copyIn()).ret()
        .line(2).handler("close", e).call(null, g, close).throwIt(e)
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L2 calls Guard.autoRelease holding []",
        "L2 acquires dir.lock holding []",
        "L3 calls Inode.work holding [dir.lock]",
        "L2 calls Guard.close holding [dir.lock]",
        "L4 calls Inode.copyIn holding []",
        "L4 faults in Inode.copyIn holding []");
    assertThat(f.heldOnReturn()).isEmpty();
    assertThat(f.releasedUnheld()).isEmpty();
  }

  @Test
  void aLockTakenInsideTheTryIsNotReleasedUnheldWhereTakingItThrew() {
    // try { lock.lock(); work(); } finally { lock.unlock(); }
    HandBuiltIr b = plain();
    Var e = b.var("e");
    IrMethod ir = b
        .beginTry("finally")
        .line(2).call(null, lock(LOCK))
        .line(3).call(null, call("Inode.work"))
        .endTry()
        .line(4).call(null, unlock(LOCK)).ret()
        .handler("finally", e).call(null, unlock(LOCK)).throwIt(e)
        .build();

    assertThat(facts(ir).releasedUnheld()).isEmpty();
  }

  @Test
  void aHoldingMethodHoldsItsLockOnEntryAndReleasingItReleasesTheCallersLock() {
    // @Holding("lock") void holding() { work(); lock.unlock(); after(); }
    IrMethod ir = new HandBuiltIr(method("holding"))
        .line(8).call(null, call("Inode.work"))
        .line(9).call(null, unlock(LOCK))
        .line(10).call(null, call("Inode.after")).ret()
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L8 calls Inode.work holding [lock]",
        "L10 calls Inode.after holding []");
    assertThat(Witness.steps(f.events().get(0).held().get(0).how()))
        .extracting(TraceStep::description)
        .containsExactly("holds lock `lock` (class Inode.lock) on entry (@Holding)");
    assertThat(texts(f.releasedUnheld())).containsExactly("lock");
    assertThat(f.heldOnReturn()).isEmpty();
  }

  @Test
  void aCallersLockReleasedAndTakenAgainIsNeitherReturnedHoldingNorReleasedUnheld() {
    // @Holding("lock") void holding() { lock.unlock(); io(); lock.lock(); }
    IrMethod ir = new HandBuiltIr(method("holding"))
        .line(8).call(null, unlock(LOCK))
        .line(9).call(null, call("Inode.io"))
        .line(10).call(null, lock(LOCK)).ret()
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L9 calls Inode.io holding []",
        "L10 acquires lock holding []");
    assertThat(f.heldOnReturn()).isEmpty();
    assertThat(f.releasedUnheld()).isEmpty();
  }

  @Test
  void aTryLockRetriedInALoopIsHeldOnlyOnceItSucceeded() {
    // while (!lock.tryLock(1, SECONDS)) { waiting(); } work();
    HandBuiltIr b = plain();
    Var r = b.var("$t0");
    Var n = b.var("$t1");
    IrMethod ir = b
        .line(2).label("head").call(r, null, tryLock(LOCK)).not(n, r).ifTrue(n, "retry")
        .jump("done")
        .label("retry").line(3).call(null, call("Inode.waiting")).jump("head")
        .label("done").line(4).call(null, call("Inode.work")).ret()
        .build();

    assertThat(events(facts(ir))).containsExactly(
        "L2 tries lock holding []",
        "L3 calls Inode.waiting holding []",
        "L4 calls Inode.work holding [lock]");
  }

  @Test
  void aSynchronizedMethodAcquiresItsMonitorOnEntryAndDoesNotReturnHoldingIt() {
    HandBuiltIr b = new HandBuiltIr(method("sync"));
    Var self = b.thisVar();
    IrMethod ir = b
        .line(9).call(null, call("Inode.work"))
        .line(10).enter(self, MONITOR).call(null, call("Inode.nested")).exit(self, MONITOR)
        .ret()
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L8 acquires this holding []",
        "L9 calls Inode.work holding [this]",
        "L10 calls Inode.nested holding [this]");
    assertThat(Witness.steps(((LockEvent.Acquire) f.events().get(0)).step()))
        .extracting(TraceStep::description)
        .containsExactly("acquires lock `this` (class Inode), synchronized method");
    assertThat(f.heldOnReturn()).isEmpty();
    assertThat(f.releasedUnheld()).isEmpty();

    MethodFacts statik = facts(new HandBuiltIr(method("staticSync")).ret().build());
    assertThat(statik.events()).singleElement().isInstanceOfSatisfying(LockEvent.Acquire.class,
        a -> assertThat(a.lock().identity()).isEqualTo("class:p.Inode"));
  }

  @Test
  void sortedAcquireCoversItsClassOnlyWhereEveryPathSorted() {
    // if (c) { lockAll(); } work(); -- and the same with both branches sorting
    LockOp sort = new LockOp.SortedAcquire("inode",
        "acquires inode locks in sorted order (calls `Inode.lockAll`)");
    HandBuiltIr b = plain();
    Var c = b.var("c");
    IrMethod oneBranch = b
        .line(2).literal(c, "?").ifTrue(c, "skip")
        .line(3).call(null, call("Inode.lockAll", sort))
        .line(4).call(null, call("Inode.sortedWork"))
        .label("skip")
        .line(5).call(null, call("Inode.work")).ret()
        .build();

    assertThat(events(facts(oneBranch))).containsExactly(
        "L3 calls Inode.lockAll holding []",
        "L4 calls Inode.sortedWork holding [all inode locks, sorted] covered [inode]",
        "L5 calls Inode.work holding [all inode locks, sorted]");

    HandBuiltIr b2 = plain();
    Var c2 = b2.var("c");
    IrMethod bothBranches = b2
        .line(2).literal(c2, "?").ifTrue(c2, "other")
        .line(3).call(null, call("Inode.lockAll", sort)).jump("join")
        .label("other").line(4).call(null, call("Inode.lockAll", sort))
        .label("join").line(5).call(null, call("Inode.work")).ret()
        .build();

    assertThat(events(facts(bothBranches))).last()
        .isEqualTo("L5 calls Inode.work holding [all inode locks, sorted] covered [inode]");
  }

  @Test
  void theCopiesOfAFinallyCallAreOneEventHoldingWhatAnyCopyHolds() {
    // lock.lock(); try { if (c) return; lock.unlock(); } finally { log(); }
    HandBuiltIr b = plain();
    Var c = b.var("c");
    Var e = b.var("e");
    IrMethod ir = b
        .line(2).call(null, lock(LOCK))
        .beginTry("finally")
        .line(3).literal(c, "?").ifTrue(c, "return")
        .line(4).call(null, unlock(LOCK))
        .endTry()
        .line(6).call(null, call("Inode.log")).ret()
        .label("return").line(6).call(null, call("Inode.log")).ret()
        .handler("finally", e).line(6).call(null, call("Inode.log")).throwIt(e)
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L2 acquires lock holding []",
        "L6 calls Inode.log holding [lock]");
    assertThat(texts(f.heldOnReturn().stream().map(Held::lock).toList())).containsExactly("lock");
  }

  @Test
  void aFaultAndAnAcquiresCallSeeTheStateBeforeTheCallAndItsEffectsAfter() {
    LockOp acquires =
        new LockOp.Acquire(LOCK, true, "acquires Inode.lock lock `lock` (calls `Inode.take`)");
    IrMethod ir = plain()
        .line(2).call(null, call("Inode.take", acquires))
        .line(3).call(null, copyIn())
        .build();

    MethodFacts f = facts(ir);

    assertThat(events(f)).containsExactly(
        "L2 calls Inode.take holding []",
        "L2 acquires lock holding []",
        "L3 calls Inode.copyIn holding [lock]",
        "L3 faults in Inode.copyIn holding [lock]");
    assertThat(((LockEvent.Fault) f.events().get(3)).what())
        .isEqualTo("`Inode.copyIn` touches @UserBuffer `buf`");
  }
}
