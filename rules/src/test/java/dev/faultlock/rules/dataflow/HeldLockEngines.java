package dev.faultlock.rules.dataflow;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only checker that runs both held-lock engines on every body the fast path takes and
 * compares their facts, in order, before every call, object creation and {@code synchronized}
 * statement: a difference is reported where it occurs. Each body with explicit lock operations
 * is reported once, saying which engine answers for it, so a test also shows that its case is on
 * the side of the fast path it means to test.
 */
@BugPattern(summary = "Compares the structural held-lock facts with the dataflow's", severity = WARNING)
public final class HeldLockEngines extends BugChecker
    implements MethodTreeMatcher, LambdaExpressionTreeMatcher {
  private static final long serialVersionUID = 1L;

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    return tree.getBody() == null ? Description.NO_MATCH : compare(tree, state);
  }

  @Override
  public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
    return compare(tree, state);
  }

  private Description compare(Tree unit, VisitorState state) {
    TreePath unitPath = state.getPath();
    HeldLocks entry =
        HeldLocks.onEntry(unit instanceof MethodTree m ? ASTHelpers.getSymbol(m) : null, state);
    LockCalls calls = LockCalls.of(unitPath, state);
    if (entry.equals(HeldLocks.EMPTY) && calls.isEmpty()) {
      return Description.NO_MATCH;
    }
    StructuralLocks structural = StructuralLocks.of(unitPath, entry, calls, state);
    if (structural == null) {
      return describe(unit, "held locks: dataflow");
    }
    CheckerFrameworkLocks general = CheckerFrameworkLocks.run(unitPath, entry, state);
    int[] compared = {0};
    int[] deferred = {0};
    new BodyScanner<Void, Void>(unit) {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree instanceof MethodInvocationTree
            || tree instanceof NewClassTree
            || tree instanceof SynchronizedTree) {
          check(new TreePath(getCurrentPath(), tree));
        }
        return super.scan(tree, unused);
      }

      private void check(TreePath point) {
        HeldLocks fast = structural.before(point);
        if (fast == null) {
          deferred[0]++;
          return;
        }
        compared[0]++;
        HeldLocks slow = general.before(point);
        if (!inOrder(fast).equals(inOrder(slow))
            || !fast.sortedClasses().equals(slow.sortedClasses())) {
          state.reportMatch(
              describe(point.getLeaf(), "engines disagree: structural " + fast + ", dataflow " + slow));
        }
      }

    }.scan(unitPath, null);
    return describe(
        unit,
        "held locks: structural, " + compared[0] + " points agree, " + deferred[0]
            + " left to the dataflow");
  }

  private static List<Object> inOrder(HeldLocks fact) {
    return new ArrayList<>(fact.held().entrySet());
  }

  private Description describe(Tree tree, String message) {
    return buildDescription(tree).setMessage(message).build();
  }
}
