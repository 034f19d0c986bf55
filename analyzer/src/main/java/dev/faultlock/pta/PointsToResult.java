package dev.faultlock.pta;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import java.util.List;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the points-to analysis answers, for the analyses after it (lock identity, dispatch): the
 * objects a variable may point to, the methods a call may run and whether it rests on
 * class-hierarchy dispatch, and the objects themselves. Sets are of object ids ({@link
 * #object}); an unreachable method's variables point to nothing.
 */
public interface PointsToResult {
  /** The field an inner class's object keeps its enclosing instance in ({@link #fieldPointsTo}). */
  String ENCLOSING_INSTANCE = "this$0";

  /** The objects {@code v} of {@code m} may point to; shared, do not modify. */
  RoaringBitmap pointsTo(IrMethod m, Var v);

  /**
   * The program methods statement {@code stmt} of {@code m} (a call) may run, as the analysis
   * resolved it; empty for a call that runs only library code, or an unreachable one.
   */
  List<MethodInfo> callees(IrMethod m, int stmt);

  /**
   * Whether the call at {@code stmt} of {@code m} fell back to class-hierarchy dispatch: its
   * receiver got no object, or a symbolic one (code the analysis does not see made it).
   */
  boolean fellBack(IrMethod m, int stmt);

  /** Whether {@code m} is reachable from the entry points. */
  boolean isReachable(MethodInfo m);

  /**
   * The methods that run as the body of a thread the program starts ({@code Thread.start},
   * an executor, {@code CompletableFuture.*Async}): they start with no lock held, and the locks
   * they take are not taken under the starter's.
   */
  Set<MethodInfo> threadEntries();

  Obj object(int id);

  /**
   * The objects field {@code field} (a simple name, declared in any class) of any of {@code
   * objects} may hold: how a lock path {@code p0.lock} is evaluated; a new set.
   */
  RoaringBitmap fieldPointsTo(RoaringBitmap objects, String field);

  /** The objects static field {@code owner.field} may hold ({@code owner} fully qualified). */
  RoaringBitmap staticPointsTo(String owner, String field);

  /** How tests and {@code --verbose} show a set: its objects' names, sorted. */
  List<String> describe(RoaringBitmap objects);

  Stats stats();

  /**
   * The size of the solution, for {@code --verbose} and the bench.
   *
   * @param pointers pointers made (variables of reachable methods and their return values,
   *     instance fields, array elements, static fields)
   * @param facts points-to facts: the sum of the points-to sets' sizes
   * @param flowEdges edges of the pointer flow graph
   */
  record Stats(
      int objects, int pointers, long facts, long flowEdges, long callEdges, int reachableMethods,
      int fallbackCalls, long solveMillis) {
    @Override
    public String toString() {
      return "points-to: " + objects + " objects, " + pointers + " pointers, " + facts
          + " points-to facts, " + flowEdges + " flow edges, " + callEdges + " call edges, "
          + reachableMethods + " reachable methods, " + fallbackCalls
          + " calls by class hierarchy, " + solveMillis + " ms";
    }
  }
}
