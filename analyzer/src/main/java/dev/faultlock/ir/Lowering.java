package dev.faultlock.ir;

import dev.faultlock.callgraph.Functions;
import dev.faultlock.locks.EntryLocks;
import dev.faultlock.locks.Locals;
import dev.faultlock.locks.OrderingGuards;
import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The front end of the analysis: lowers a method, constructor or lambda body of the program, and
 * every lambda written in it, into {@link IrMethod}s whose calls are resolved, once, against the
 * program index (see {@link CallSite}). No syntax tree is referenced from the result.
 */
public final class Lowering {
  private Lowering() {}

  /**
   * One lowered method and what the front end found besides its code.
   *
   * @param entry the locks its annotations say are held on entry ({@code @Holding}) and the
   *     annotations on it that cannot mean what they say; empty for lambdas
   * @param unresolvedCalls the calls it makes that resolve to no method at all
   * @param orderingGuard it compares lock owners before taking two locks of one class ({@link
   *     OrderingGuards})
   */
  public record Lowered(IrMethod ir, EntryLocks entry, int unresolvedCalls, boolean orderingGuard) {}

  /**
   * {@code method} followed by the lambdas written in it, in the order they are numbered ({@code
   * run$lambda1}, ...): one {@link Lowered} each, the lambdas bound where they are passed first,
   * then those returned, stored in a field or passed to a library constructor.
   */
  public static List<Lowered> lower(LoweringContext cx, MethodInfo method) {
    Job job = new Job(cx);
    Functions.Numbering numbering = new Functions.Numbering();
    job.run(method, new Locals(), numbering, EntryLocks.of(cx, method));
    numbering.walkUnbound();
    return List.copyOf(job.out);
  }

  /** One call of {@link #lower}: the methods lowered so far, each in its slot. */
  static final class Job {
    private static final EntryLocks NONE = new EntryLocks(List.of(), List.of());
    private final LoweringContext cx;
    private final List<Lowered> out = new ArrayList<>();

    Job(LoweringContext cx) {
      this.cx = cx;
    }

    LoweringContext cx() {
      return cx;
    }

    /** A lambda met while lowering: lowered now, with the locals it captures. */
    void lambda(MethodInfo lambda, Locals captured, Functions.Numbering numbering) {
      run(lambda, captured, numbering, NONE);
    }

    private void run(MethodInfo m, Locals locals, Functions.Numbering numbering, EntryLocks entry) {
      // The slot is taken first: lambdas written inside come after their enclosing method.
      int slot = out.size();
      out.add(null);
      MethodLowering lowering = new MethodLowering(this, m, locals, numbering);
      IrMethod ir = lowering.lower();
      boolean guard = m.body() != null && OrderingGuards.present(m.body());
      out.set(slot, new Lowered(ir, entry, lowering.unresolvedCalls(), guard));
    }
  }
}
