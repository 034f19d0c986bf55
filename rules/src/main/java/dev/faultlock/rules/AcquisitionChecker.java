package dev.faultlock.rules;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.faultlock.rules.dataflow.HeldLock;
import dev.faultlock.rules.dataflow.LockAnalyses;
import dev.faultlock.rules.dataflow.LockAnalysis;
import dev.faultlock.rules.locks.LockRef;
import dev.faultlock.rules.locks.LockRelevance;
import java.util.List;

/**
 * The lock-order rules look at the same events: a blocking acquisition ({@code synchronized}
 * block, lock call, {@code @Acquires} or {@code synchronized} method call) and the locks held just
 * before it. This finds both and leaves the judgement to the rule.
 */
abstract class AcquisitionChecker extends UnitChecker {
  private static final long serialVersionUID = 1L;

  @Override
  public final Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    if (LockRelevance.relevant(state)) {
      for (TreePath site : LockSites.of(state).acquisitionsAndCalls()) {
        reportUnlessSuppressed(match(site.getLeaf(), state.withPath(site)), site, state);
      }
    }
    return Description.NO_MATCH;
  }

  /** True when the rule has nothing to check around {@code state}'s path, before any analysis. */
  abstract boolean skip(VisitorState state);

  /**
   * Judges one acquisition.
   *
   * @param tree the acquiring statement or call
   * @param acquired the locks it waits for
   * @param held the locks held just before it, outermost first
   * @param analysis the analysis of the enclosing method or lambda
   */
  abstract Description judge(
      Tree tree, List<LockRef> acquired, List<HeldLock> held, LockAnalysis analysis,
      VisitorState state);

  private Description match(Tree tree, VisitorState state) {
    List<LockRef> acquired = Acquisitions.waitedFor(tree, state);
    if (acquired.isEmpty() || skip(state)) {
      return Description.NO_MATCH;
    }
    LockAnalysis analysis = LockAnalyses.instance(state).around(state);
    if (analysis == null) {
      return Description.NO_MATCH;
    }
    List<HeldLock> held = analysis.heldBefore(state.getPath());
    return held.isEmpty() ? Description.NO_MATCH : judge(tree, acquired, held, analysis, state);
  }
}
