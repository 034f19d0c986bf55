package dev.faultlock.rules;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.rules.dataflow.BodyScanner;
import dev.faultlock.rules.locks.Annotations;
import dev.faultlock.rules.locks.LockEffect;
import dev.faultlock.rules.locks.LockExpressions;
import dev.faultlock.rules.locks.LockOps;
import dev.faultlock.rules.locks.LockRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/** Lock acquisitions that may wait, for the lock-order rules, and the ordering guards that excuse them. */
final class Acquisitions {
  private Acquisitions() {}

  /**
   * The locks {@code tree} waits for: a {@code synchronized} block's monitor, or what a call
   * blocks on ({@code lock()}, {@code @Acquires}, a {@code synchronized} method). Try-acquisitions
   * never wait, so they make no wait edge and are not listed.
   */
  static List<LockRef> waitedFor(Tree tree, VisitorState state) {
    if (tree instanceof SynchronizedTree sync) {
      return List.of(LockExpressions.of(sync.getExpression(), state));
    }
    if (tree instanceof MethodInvocationTree call) {
      List<LockRef> locks = new ArrayList<>();
      for (LockEffect effect : LockOps.effects(call, state)) {
        if (effect.waits()) {
          locks.add(effect.lock());
        }
      }
      return locks;
    }
    return List.of();
  }

  /** True when the method around {@code state}'s path is {@code @SortedAcquire}: it orders its own locks. */
  static boolean inSortedAcquireMethod(VisitorState state) {
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    return method != null
        && Annotations.has(ASTHelpers.getSymbol(method), LockApi.SORTED_ACQUIRE);
  }

  /**
   * True when the body at {@code unit} (a method or lambda) orders two locks before {@code position}: a
   * comparison of two keys such as {@code a.id() < b.id()} or {@code a.id < b.id}, or a call to
   * {@code compareTo}, {@code compare}, {@code System.identityHashCode}, {@code hashCode} or one
   * of {@code extraNames}.
   */
  static boolean orderingGuardBefore(TreePath unit, int position, Set<String> extraNames) {
    boolean[] found = {false};
    new BodyScanner<Void, Void>(unit.getLeaf()) {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (found[0] || tree == null || ASTHelpers.getStartPosition(tree) > position) {
          return null;
        }
        return super.scan(tree, unused);
      }

      @Override
      public Void visitBinary(BinaryTree tree, Void unused) {
        switch (tree.getKind()) {
          case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL -> {
            if (isKey(tree.getLeftOperand()) && isKey(tree.getRightOperand())) {
              found[0] = true;
            }
          }
          default -> {}
        }
        return super.visitBinary(tree, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        String name = ASTHelpers.getSymbol(tree) == null
            ? ""
            : ASTHelpers.getSymbol(tree).getSimpleName().toString();
        if (LockApi.ORDERING_CALLS.contains(name) || extraNames.contains(name)) {
          found[0] = true;
        }
        return super.visitMethodInvocation(tree, unused);
      }
    }.scan(unit, null);
    return found[0];
  }

  /**
   * A per-object key: {@code x.id()}, {@code x.id}, or a field {@code id} of this object; not a
   * local counter or a literal.
   */
  private static boolean isKey(ExpressionTree tree) {
    if (tree instanceof MethodInvocationTree call) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      return receiver == null || !(receiver instanceof LiteralTree);
    }
    if (tree instanceof IdentifierTree) {
      Symbol sym = ASTHelpers.getSymbol(tree);
      return sym != null && sym.getKind() == ElementKind.FIELD;
    }
    return tree instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree;
  }
}
