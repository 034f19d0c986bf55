package dev.faultlock.locks;

import dev.faultlock.dataflow.DataflowAnalysis;
import dev.faultlock.dataflow.DataflowResult;
import dev.faultlock.dataflow.WorkListSolver;
import dev.faultlock.faults.ParameterFlow;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.ir.Cfg;
import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.LockOp;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Lock state as a forward dataflow analysis over a method's IR ({@link LockState} is the fact):
 * which locks may be held, how many times, and which lock classes a {@code @SortedAcquire} covers
 * at each statement. Re-entry is counted, not re-acquired; {@code tryLock} holds its lock on the
 * branch where its result is true; an exceptional edge leaves a call or a monitor entry undone.
 *
 * <p>The same transfer runs twice: to the fixpoint with no observer, then once over each reached
 * statement's in-fact with a {@link LockFactsRecorder}, which turns what it sees into the
 * method's {@link LockEvent}s and summary facts. So the events see exactly the fixpoint's state.
 */
public final class LockStateAnalysis implements DataflowAnalysis<LockState> {
  /** What a transfer did that the method's facts record; the solver's observer sees nothing. */
  interface Observer {
    Observer NONE = new Observer() {};

    /** {@code call} runs with {@code before} held (its lock effects follow). */
    default void call(Location at, Stmt.Invoke call, LockState before) {}

    /**
     * {@code lock} is taken in {@code before} (valid during the call only); {@code reentry} when
     * the very object is held on every path here already.
     */
    default void acquire(
        Location at, LockRef lock, boolean blocking, Witness step, boolean reentry,
        LockState before) {}

    /** {@code lock} is given back, with {@code outcome}. */
    default void release(LockRef lock, LockState.Release outcome) {}

    /** The method returns in {@code state}. */
    default void ret(LockState state) {}
  }

  private final IrMethod ir;
  private final List<Held> heldOnEntry;
  private final LockNames names;
  private final Guards guards;
  private final String file;
  /**
   * What {@link #guards} say each call does, by statement, once asked: the same through every
   * pass of the solve (the guard facts of the callees do not change during it), and asking walks
   * every target of the call (hundreds for an interface call in a large program).
   */
  private final List<List<Guards.Effect>> inferred;

  private LockStateAnalysis(IrMethod ir, List<Held> heldOnEntry, LockNames names, Guards guards) {
    this.ir = ir;
    this.inferred = new ArrayList<>(Collections.nCopies(ir.stmts().size(), null));
    this.heldOnEntry = heldOnEntry;
    this.names = names;
    this.guards = guards;
    this.file = ir.method().owner().file().shown();
  }

  /**
   * The facts of the method {@code ir} is the IR of, whose callers hold {@code heldOnEntry}
   * ({@link EntryLocks#held()}). {@code misuses}, {@code orderingGuard} and {@code unresolvedCalls}
   * are the front end's, passed through; {@code names} names a synchronized method's monitor;
   * {@code guards} says what calls do to locks that their callees' annotations do not.
   */
  public static MethodFacts facts(
      IrMethod ir, List<Held> heldOnEntry, LockNames names, Guards guards,
      List<MethodFacts.Misuse> misuses, boolean orderingGuard, int unresolvedCalls) {
    LockStateAnalysis analysis = new LockStateAnalysis(ir, heldOnEntry, names, guards);
    Cfg cfg = ir.cfg();
    DataflowResult<LockState> result = WorkListSolver.solve(cfg, analysis);
    LockFactsRecorder recorder = new LockFactsRecorder(ParameterFlow.of(ir));
    LockState entry = analysis.entry(recorder);
    for (int i = 0; i < cfg.size(); i++) {
      if (result.isReached(i)) analysis.transfer(i, cfg.stmt(i), result.inFact(i), recorder);
    }
    return recorder.facts(ir.method(), entry, orderingGuard, misuses, unresolvedCalls);
  }

  @Override
  public LockState boundaryFact(Cfg cfg) {
    return entry(Observer.NONE);
  }

  @Override
  public LockState meet(LockState a, LockState b) {
    return LockState.meet(a, b);
  }

  @Override
  public LockState transferNode(int i, Stmt stmt, LockState in) {
    return transfer(i, stmt, in, Observer.NONE);
  }

  /**
   * An exceptional edge carries the state before the statement, less what it gave back: a call
   * that threw did not return, so its acquisitions and its result did not happen, but a release
   * did (an {@code unlock()} throws only when the lock was not held; a {@code @Releases} method
   * releases in its {@code finally}); a {@code synchronized} whose lock expression was {@code
   * null} threw before it entered the monitor (were the entry inside the range of the handler
   * that exits it, that exit would find nothing to give back, which is harmless). A branch on a
   * {@code tryLock} result settles it.
   */
  @Override
  public LockState transferEdge(Cfg cfg, int from, int to, LockState in, LockState out) {
    if (cfg.isExceptional(from, to)) {
      return cfg.stmt(from) instanceof Stmt.Invoke call ? released(call, in) : in;
    }
    if (!(cfg.stmt(from) instanceof Stmt.If f)) return out;
    LockState.Tentative t = out.tentative(f.cond().index());
    if (t == null) return out;
    LockState s = out.copy();
    // A branch whose two edges go to the same statement tells nothing: the lock stays held.
    boolean decides = cfg.succs(from).length > 1;
    s.settle(t, !decides || cfg.isTrueBranch(from, to) != t.negated());
    return s;
  }

  /** The state on entry: the caller's locks ({@code @Holding}), a synchronized method's monitor. */
  private LockState entry(Observer observer) {
    LockState s = new LockState();
    for (Held h : heldOnEntry) s.holdOnEntry(h.lock().identity(), h);
    MethodInfo m = ir.method();
    Location at = new Location(file, m.line(), 0);
    if (m.isSynchronized()) {
      LockRef ref = LockNaming.monitorOf(m, names);
      if (!s.surelyHolds(ref)) {
        Witness step = Witness.of(new TraceStep(at,
            "acquires " + ref.describe() + ", synchronized method"));
        observer.acquire(at, ref, true, step, false, s);
        // Taken around the body and released on every way out by the JVM: to the callers it is
        // like a lock they hold on entry, never one this method returns holding.
        s.holdOnEntry(ref.identity(), new Held(ref, step));
      }
    }
    return s;
  }

  /**
   * The state after statement {@code i}. Most statements change nothing about locks: they return
   * {@code in} itself, so that the many methods without locks cost no copies.
   */
  LockState transfer(int i, Stmt stmt, LockState in, Observer observer) {
    if (stmt instanceof Stmt.MonitorEnter e) {
      LockState s = in.copy();
      Location at = at(e.line());
      String what = "acquires " + e.ref().describe();
      acquire(s, Integer.toString(i), e.ref(), true, at, what, observer);
      return s;
    }
    if (stmt instanceof Stmt.MonitorExit e) {
      LockState s = in.copy();
      observer.release(e.ref(), s.release(e.ref()));
      return s;
    }
    if (stmt instanceof Stmt.Invoke call) {
      Location at = at(call.line());
      observer.call(at, call, in);
      List<Guards.Effect> effects = inferred.get(i);
      if (effects == null) {
        effects = guards.of(call, ir.method(), at);
        inferred.set(i, effects);
      }
      if (call.site().ops().isEmpty() && effects.isEmpty()) return assigned(in, call.result(), null);
      LockState s = effects(i, call, in, at, observer);
      return effects.isEmpty() ? s : guarded(i, call, s, at, effects, observer);
    }
    if (stmt instanceof Stmt.Return) {
      observer.ret(in);
      return in;
    }
    if (stmt instanceof Stmt.Copy c) {
      LockState s = assigned(in, c.lhs(), in.tentative(c.rhs().index()));
      if (s.guardOf(c.rhs().index()).equals(s.guardOf(c.lhs().index()))) return s;
      s = s == in ? in.copy() : s;
      s.copyGuard(c.rhs().index(), c.lhs().index());
      return s;
    }
    if (stmt instanceof Stmt.Op op) {
      LockState.Tentative t = op.op().equals("!") && op.operands().size() == 1
          ? in.tentative(op.operands().get(0).index()) : null;
      return assigned(in, op.lhs(), t == null ? null : t.negate());
    }
    // Calls, copies and ops were handled above.
    return assigned(in, Stmt.defined(stmt), null);
  }

  /** What a call does to locks once it returns: its {@link LockOp}s, in order. */
  private LockState effects(int i, Stmt.Invoke call, LockState in, Location at, Observer observer) {
    LockState s = in.copy();
    if (call.result() != null) s.kill(call.result().index());
    List<LockOp> ops = call.site().ops();
    for (int k = 0; k < ops.size(); k++) {
      LockOp op = ops.get(k);
      if (op instanceof LockOp.Acquire a) {
        String key = acquire(s, i + "." + k, a.lock(), a.blocking(), at, a.what(), observer);
        if (!a.blocking() && call.result() != null) {
          s.setTentative(call.result().index(), new LockState.Tentative(key, i, false));
        }
      } else if (op instanceof LockOp.Release r) {
        observer.release(r.lock(), s.release(r.lock()));
      } else if (op instanceof LockOp.SortedAcquire sorted) {
        s.sort(sorted.lockClass(), Witness.of(new TraceStep(at, sorted.what())));
      }
    }
    return s;
  }

  /**
   * What a call's inferred effects ({@link Guards}) do once its annotated ones are done: a guard
   * factory's lock is taken, and the call's result is its guard; a guard's release gives back
   * the lock it names, or else the lock its receiver guards (a guard's {@code close()} names the
   * lock through the guard object, which the caller only knows as the guard).
   */
  private LockState guarded(
      int i, Stmt.Invoke call, LockState s, Location at, List<Guards.Effect> inferred,
      Observer observer) {
    for (int k = 0; k < inferred.size(); k++) {
      Guards.Effect g = inferred.get(k);
      if (g.acquires()) {
        observer.acquire(at, g.lock(), true, g.witness(), s.surelyHolds(g.lock()), s);
        String key = LockState.key(g.lock(), i + ".g" + k);
        s.acquire(key, g.lock(), g.witness());
        if (call.result() != null) s.guard(call.result().index(), key);
        continue;
      }
      LockState.Release r = s.release(g.lock());
      if (r == LockState.Release.NOT_HELD && call.receiver() != null) {
        for (String key : s.guardOf(call.receiver().index())) r = s.releaseKey(key);
      }
      observer.release(g.lock(), r);
    }
    return s;
  }

  /** {@code in} with {@code lhs} (may be {@code null}) now carrying {@code t} or no try result. */
  private static LockState assigned(LockState in, Var lhs, LockState.Tentative t) {
    if (lhs == null
        || Objects.equals(in.tentative(lhs.index()), t) && in.guardOf(lhs.index()).isEmpty()) {
      return in;
    }
    LockState s = in.copy();
    if (t == null) s.kill(lhs.index());
    else s.setTentative(lhs.index(), t);
    return s;
  }

  private static LockState released(Stmt.Invoke call, LockState in) {
    LockState s = null;
    for (LockOp op : call.site().ops()) {
      if (op instanceof LockOp.Release r) {
        if (s == null) s = in.copy();
        s.release(r.lock());
      }
    }
    return s == null ? in : s;
  }

  /** Takes {@code lock} in {@code s}; returns the key it is held under. */
  private static String acquire(
      LockState s, String acquisition, LockRef lock, boolean blocking, Location at, String what,
      Observer observer) {
    Witness step = Witness.of(new TraceStep(at, what));
    observer.acquire(at, lock, blocking, step, s.surelyHolds(lock), s);
    String key = LockState.key(lock, acquisition);
    s.acquire(key, lock, step);
    return key;
  }


  private Location at(int line) {
    return new Location(file, line > 0 ? line : ir.method().line(), 0);
  }

}
