package dev.faultlock.rules.dataflow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.faultlock.rules.locks.LockEffect;
import dev.faultlock.rules.locks.LockRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fast path: the held-lock fact read off the tree, for bodies whose every explicit lock
 * operation is the idiom
 *
 * <pre>{@code
 * x.lock();                 // or: long stamp = x.writeLock();  or an @Acquires call
 * try { ... } finally {     // catch clauses allowed
 *   x.unlock();             // first statement of the finally: the same lock released
 *   ...
 * }
 * }</pre>
 *
 * There the lock is held exactly in the try (its resources, block and catches) and in the release
 * statement, so the fact before a point is the method's preconditions followed by the locks of
 * the idioms around it, outermost first: what {@link CheckerFrameworkLocks} computes, without a
 * control-flow graph. Every {@code break}, {@code continue}, {@code return} and exception leaving
 * the try runs the release, and loops around or inside the idiom meet the same fact on every
 * iteration.
 *
 * <p>Where the general engine's answer comes from paths this reading does not follow, it is left
 * to that engine (see {@link #of} and {@link #before}): the body is not structural when a lock
 * call is anything but such an idiom, when an idiom takes a lock already held there (re-entry:
 * the first release drops it), when the control-flow graph differs from the tree ({@link
 * LockCalls#opaque()}), or when an idiom sits in a try with a catch clause that may catch what
 * its release throws: the dataflow lets the lock escape into that clause with the exception and
 * flow on past the try. For the same escape, the finally of a try around an idiom is answered by
 * the dataflow, and so is every catch block (the dataflow proves some of them unreachable and
 * holds nothing there).
 */
final class StructuralLocks implements HeldLockFacts {
  /** One idiom: its lock, the try that holds it, and the statement that releases it. */
  private record Idiom(LockRef lock, TryTree holder, StatementTree release) {}

  private final Tree unit;
  private final HeldLocks entry;
  private final Map<Tree, Idiom> byTry = new IdentityHashMap<>();
  private final Map<Tree, Idiom> byRelease = new IdentityHashMap<>();
  /** Finally blocks the dataflow answers for: a lock may escape into them. */
  private final Set<Tree> escapedInto = Collections.newSetFromMap(new IdentityHashMap<>());

  private StructuralLocks(Tree unit, HeldLocks entry) {
    this.unit = unit;
    this.entry = entry;
  }

  /**
   * The structural facts of the body at {@code unitPath}, which holds {@code entry} on entry and
   * makes {@code calls}; null when the body is not structural.
   */
  static StructuralLocks of(
      TreePath unitPath, HeldLocks entry, LockCalls calls, VisitorState state) {
    if (calls.opaque()) {
      return null;
    }
    StructuralLocks facts = new StructuralLocks(unitPath.getLeaf(), entry);
    List<TreePath> acquisitions = new ArrayList<>();
    for (Map.Entry<MethodInvocationTree, TreePath> call : calls.paths().entrySet()) {
      List<LockEffect> effects = calls.effects(call.getKey());
      if (effects.size() != 1) {
        return null;
      }
      if (effects.get(0).kind() == LockEffect.Kind.ACQUIRE) {
        Idiom idiom = idiomAt(call.getValue(), effects.get(0).lock(), calls);
        if (idiom == null) {
          return null;
        }
        facts.byTry.put(idiom.holder(), idiom);
        facts.byRelease.put(idiom.release(), idiom);
        acquisitions.add(call.getValue().getParentPath());
      } else if (effects.get(0).kind() != LockEffect.Kind.RELEASE) {
        return null;
      }
    }
    for (Map.Entry<MethodInvocationTree, TreePath> call : calls.paths().entrySet()) {
      if (calls.effects(call.getKey()).get(0).kind() == LockEffect.Kind.RELEASE
          && !facts.byRelease.containsKey(call.getValue().getParentPath().getLeaf())) {
        return null; // a release outside the idiom: an early unlock, an unlock in a helper
      }
    }
    for (TreePath statement : acquisitions) {
      if (!facts.settles(statement, state)) {
        return null;
      }
    }
    return facts;
  }

  /**
   * The idiom whose acquisition is the call at {@code callPath}: the call is a statement of a
   * block (or a local's initializer), and the next statement is a try whose finally begins by
   * releasing the same lock. Null when it is not one.
   */
  private static Idiom idiomAt(TreePath callPath, LockRef lock, LockCalls calls) {
    Tree call = callPath.getLeaf();
    TreePath statementPath = callPath.getParentPath();
    Tree statement = statementPath.getLeaf();
    boolean whole =
        (statement instanceof ExpressionStatementTree e && e.getExpression() == call)
            || (statement instanceof VariableTree v && v.getInitializer() == call);
    if (!whole || !(statementPath.getParentPath().getLeaf() instanceof BlockTree block)) {
      return null;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int next = indexOf(statements, statement) + 1;
    if (next >= statements.size()
        || !(statements.get(next) instanceof TryTree holder)
        || holder.getFinallyBlock() == null
        || holder.getFinallyBlock().getStatements().isEmpty()
        || !(holder.getFinallyBlock().getStatements().get(0)
            instanceof ExpressionStatementTree release)
        || !(release.getExpression() instanceof MethodInvocationTree unlock)) {
      return null;
    }
    List<LockEffect> released = calls.effects(unlock);
    return released != null
            && released.size() == 1
            && released.get(0).kind() == LockEffect.Kind.RELEASE
            && released.get(0).lock().key().equals(lock.key())
        ? new Idiom(lock, holder, release)
        : null;
  }

  private static int indexOf(List<? extends StatementTree> statements, Tree statement) {
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i) == statement) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Checks the trys around the idiom acquired at {@code statement} and marks the finally blocks
   * its lock may escape into when its release throws; false when the body is not structural after
   * all: a catch clause around it that may catch that exception, or its lock already held there.
   */
  private boolean settles(TreePath statement, VisitorState state) {
    Idiom idiom = idiomAfter(statement);
    List<Type> escapes = escapes(idiom.release(), state);
    Set<String> held = new HashSet<>(entry.held().keySet());
    Tree child = statement.getLeaf();
    for (TreePath p = statement.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree around && child != around.getFinallyBlock()) {
        if (!(child instanceof CatchTree) && mayCatch(around, escapes, state)) {
          return false;
        }
        if (around.getFinallyBlock() != null) {
          escapedInto.add(around.getFinallyBlock());
        }
        Idiom outer = byTry.get(around);
        if (outer != null) {
          held.add(outer.lock().key());
        }
      }
      if (p.getLeaf() == unit) {
        break;
      }
      child = p.getLeaf();
    }
    return !held.contains(idiom.lock().key());
  }

  /**
   * What the release statement may throw in the graph: any call or object creation throws
   * {@code RuntimeException} and {@code Error}, and what it declares.
   */
  private static List<Type> escapes(StatementTree release, VisitorState state) {
    List<Type> escapes = new ArrayList<>();
    escapes.add(state.getSymtab().runtimeExceptionType);
    escapes.add(state.getSymtab().errorType);
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        declared(ASTHelpers.getSymbol(tree));
        return super.visitMethodInvocation(tree, unused);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        declared(ASTHelpers.getSymbol(tree));
        return super.visitNewClass(tree, unused);
      }

      private void declared(MethodSymbol method) {
        if (method != null) {
          escapes.addAll(method.getThrownTypes());
        }
      }
    }.scan(release, null);
    return escapes;
  }

  /** Whether a catch clause of {@code tree} may catch one of {@code thrown}, as the graph links them. */
  private static boolean mayCatch(TryTree tree, List<Type> thrown, VisitorState state) {
    Types types = state.getTypes();
    for (CatchTree clause : tree.getCatches()) {
      Type caught = ASTHelpers.getType(clause.getParameter());
      Iterable<? extends Type> alternatives =
          caught instanceof Type.UnionClassType union
              ? union.getAlternativeTypes()
              : List.of(caught);
      for (Type alternative : alternatives) {
        for (Type t : thrown) {
          if (types.isSubtype(t, alternative) || types.isSubtype(alternative, t)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private Idiom idiomAfter(TreePath statement) {
    List<? extends StatementTree> statements =
        ((BlockTree) statement.getParentPath().getLeaf()).getStatements();
    return byTry.get(statements.get(indexOf(statements, statement.getLeaf()) + 1));
  }

  @Override
  public HeldLocks before(TreePath path) {
    List<LockRef> around = new ArrayList<>();
    Tree child = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof CatchTree || escapedInto.contains(leaf)) {
        return null;
      }
      Idiom held = child != null && leaf instanceof TryTree t && child != t.getFinallyBlock()
          ? byTry.get(leaf)
          : byRelease.get(leaf);
      if (held != null) {
        around.add(held.lock());
      }
      if (leaf == unit) {
        break;
      }
      child = leaf;
    }
    HeldLocks fact = entry;
    for (int i = around.size() - 1; i >= 0; i--) {
      fact = fact.acquire(around.get(i), true);
    }
    return fact;
  }
}
