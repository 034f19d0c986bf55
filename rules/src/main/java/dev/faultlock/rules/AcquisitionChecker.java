package dev.faultlock.rules;

import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.SynchronizedTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
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
abstract class AcquisitionChecker extends BugChecker
    implements MethodInvocationTreeMatcher, SynchronizedTreeMatcher {
  private static final long serialVersionUID = 1L;

  @Override
  public final Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return match(tree, state);
  }

  @Override
  public final Description matchSynchronized(SynchronizedTree tree, VisitorState state) {
    return match(tree, state);
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
    if (!LockRelevance.relevant(state)) {
      return Description.NO_MATCH;
    }
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
