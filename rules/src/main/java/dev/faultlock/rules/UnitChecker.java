package dev.faultlock.rules;

import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;

/**
 * A checker that visits the {@link LockSites} of a compilation unit itself rather than having
 * Error Prone call a matcher on every tree of a kind, so it does for each site what Error Prone's
 * scanner does before and after a matcher call: skip a site under a declaration that suppresses
 * this checker, and report what the check found.
 */
abstract class UnitChecker extends BugChecker implements CompilationUnitTreeMatcher {
  private static final long serialVersionUID = 1L;

  /**
   * Whether Error Prone would not run this checker at {@code site}: a class, method or variable
   * on its path (the site itself included) suppresses it, by {@code @SuppressWarnings}, a custom
   * suppression annotation or generated code, the test Error Prone's scanner makes on entering
   * each declaration; never under {@code -XepIgnoreSuppressionAnnotations}.
   */
  final boolean suppressedAt(TreePath site, VisitorState state) {
    if (state.errorProneOptions().isIgnoreSuppressionAnnotations()) {
      return false;
    }
    for (TreePath p = site; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if ((leaf instanceof ClassTree || leaf instanceof MethodTree || leaf instanceof VariableTree)
          && isSuppressed(leaf, state)) {
        return true;
      }
    }
    return false;
  }

  /** Reports {@code description}, found at {@code site}, unless this checker is suppressed there. */
  final void reportUnlessSuppressed(Description description, TreePath site, VisitorState state) {
    if (description != Description.NO_MATCH && !suppressedAt(site, state)) {
      state.reportMatch(description);
    }
  }
}
