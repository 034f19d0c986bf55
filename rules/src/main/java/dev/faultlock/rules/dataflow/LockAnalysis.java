package dev.faultlock.rules.dataflow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.faultlock.rules.locks.LockExpressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The locks held at each point of one method or lambda body: monitors by tree position ({@code
 * synchronized} methods and blocks are block-structured, and the dataflow CFG has no node where a
 * block ends) combined with the held-lock dataflow fact of explicit lock calls and lock
 * preconditions. Most bodies make no explicit lock call and need no fact. Of the others, most take
 * their locks in the {@code lock(); try { ... } finally { unlock(); }} idiom, and {@link
 * StructuralLocks} reads the fact off the tree; the Checker Framework dataflow ({@link
 * CheckerFrameworkLocks}) answers for the rest, and for the points the structural reading leaves
 * to it, built the first time it is asked.
 *
 * <p>A lambda body is its own unit and starts holding nothing: it may run after the enclosing
 * method has released its locks, or on another thread.
 */
public final class LockAnalysis {
  private final TreePath unitPath;
  private final List<HeldLock> entryMonitors;
  private final HeldLocks entry;
  private final boolean explicit;
  private final StructuralLocks structural;
  private final VisitorState state;
  private CheckerFrameworkLocks general;

  private LockAnalysis(
      TreePath unitPath,
      List<HeldLock> entryMonitors,
      HeldLocks entry,
      boolean explicit,
      StructuralLocks structural,
      VisitorState state) {
    this.unitPath = unitPath;
    this.entryMonitors = entryMonitors;
    this.entry = entry;
    this.explicit = explicit;
    this.structural = structural;
    this.state = state;
  }

  /** The method or lambda this analysis covers. */
  public TreePath unitPath() {
    return unitPath;
  }

  /**
   * The locks held just before {@code path}'s leaf runs (for a {@code synchronized} block: before
   * it takes its monitor), outermost first.
   */
  public List<HeldLock> heldBefore(TreePath path) {
    Map<String, HeldLock> held = new LinkedHashMap<>();
    for (HeldLock monitor : entryMonitors) {
      held.putIfAbsent(monitor.lock().key(), monitor);
    }
    for (HeldLock monitor : enclosingMonitors(path)) {
      held.putIfAbsent(monitor.lock().key(), monitor);
    }
    storeBefore(path).held().forEach(held::putIfAbsent);
    return List.copyOf(held.values());
  }

  /** Lock classes that a dominating {@code @SortedAcquire} call has pre-acquired. */
  public Set<String> sortedBefore(TreePath path) {
    return storeBefore(path).sortedClasses();
  }

  /** Whether the Checker Framework dataflow has run for this body (for tests of the fast path). */
  boolean ranDataflow() {
    return general != null;
  }

  private HeldLocks storeBefore(TreePath path) {
    if (!explicit) {
      return HeldLocks.EMPTY;
    }
    HeldLocks fact = structural == null ? null : structural.before(path);
    if (fact != null) {
      return fact;
    }
    if (general == null) {
      general = CheckerFrameworkLocks.run(unitPath, entry, state);
    }
    return general.before(path);
  }

  private List<HeldLock> enclosingMonitors(TreePath path) {
    List<HeldLock> monitors = new ArrayList<>();
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof SynchronizedTree sync && child == sync.getBlock()) {
        monitors.add(0, new HeldLock(LockExpressions.of(sync.getExpression(), state.withPath(p)), true));
      }
      if (leaf == unitPath.getLeaf()) {
        break;
      }
      child = leaf;
    }
    return monitors;
  }

  /** The method or lambda whose body {@code path} is in, or null outside any (initializers). */
  public static TreePath unitOf(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree) {
        return p;
      }
      if (leaf instanceof MethodTree method) {
        return method.getBody() == null ? null : p;
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /** Analyses the unit at {@code unitPath}; callers cache through {@link LockAnalyses}. */
  static LockAnalysis analyse(TreePath unitPath, VisitorState state) {
    Tree unit = unitPath.getLeaf();
    MethodSymbol method = unit instanceof MethodTree m ? ASTHelpers.getSymbol(m) : null;
    List<HeldLock> entryMonitors = new ArrayList<>();
    if (unit instanceof MethodTree m && m.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)) {
      entryMonitors.add(
          new HeldLock(
              method.isStatic()
                  ? LockExpressions.classLiteral(method.owner.getSimpleName().toString())
                  : LockExpressions.thisOf(method.owner),
              true));
    }
    HeldLocks entry = HeldLocks.onEntry(method, state);
    LockCalls calls = LockCalls.of(unitPath, state);
    boolean explicit = !entry.equals(HeldLocks.EMPTY) || !calls.isEmpty();
    StructuralLocks structural = explicit ? StructuralLocks.of(unitPath, entry, calls, state) : null;
    return new LockAnalysis(
        unitPath, List.copyOf(entryMonitors), entry, explicit, structural, state);
  }
}
