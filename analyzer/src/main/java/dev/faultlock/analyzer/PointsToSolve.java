package dev.faultlock.analyzer;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.pta.PointsToAnalysis;
import dev.faultlock.pta.PointsToResult;
import dev.faultlock.source.ProgramIndex;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiConsumer;

/**
 * The points-to solve, started on a thread of its own as soon as every method is lowered
 * ({@link dev.faultlock.cache.ProgramFacts#extract}), while the workers solve the methods' lock
 * state: both read only the IR, and the solver is single-threaded, so with two or more jobs it
 * would otherwise leave a core idle for the whole solve (on java.base about 13 s of an analysis
 * of 60). With one job it runs after the lock state, on the caller's thread, as before.
 */
final class PointsToSolve implements BiConsumer<ProgramIndex, List<IrMethod>> {
  private final boolean concurrent;
  private FutureTask<PointsToResult> task;

  PointsToSolve(int jobs) {
    this.concurrent = jobs > 1;
  }

  @Override
  public synchronized void accept(ProgramIndex index, List<IrMethod> ir) {
    task = new FutureTask<>(() -> PointsToAnalysis.solve(index, ir));
    if (!concurrent) return;
    Thread solver = new Thread(task, "faultlock-points-to");
    solver.setDaemon(true);
    solver.start();
  }

  /**
   * The solution: waited for when it is being solved, solved here when it was not started. An
   * exception of the solve is thrown here, as it would have been had it run on this thread.
   */
  synchronized PointsToResult result() {
    if (task == null) throw new IllegalStateException("the program was never lowered");
    // Runs it here unless it already runs (or ran) on its own thread.
    task.run();
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while points-to was solved", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }
}
