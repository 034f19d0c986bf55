package dev.faultlock.rules.dataflow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import dev.faultlock.rules.locks.LockEffect;
import dev.faultlock.rules.locks.LockExpressions;
import dev.faultlock.rules.locks.LockOps;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.checkerframework.errorprone.dataflow.analysis.AnalysisResult;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.analysis.UnusedAbstractValue;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;

/**
 * The locks held at each point of one method or lambda body: monitors by tree position ({@code
 * synchronized} methods and blocks are block-structured, and the dataflow CFG has no node where a
 * block ends) combined with a forward dataflow analysis, on the Checker Framework dataflow Error
 * Prone ships, of explicit lock calls and lock preconditions. The dataflow only runs for bodies
 * that make an explicit lock call or have a lock precondition; most bodies need none.
 *
 * <p>A lambda body is its own unit and starts holding nothing: it may run after the enclosing
 * method has released its locks, or on another thread.
 */
public final class LockAnalysis {
  private final TreePath unitPath;
  private final List<HeldLock> entryMonitors;
  private final AnalysisResult<UnusedAbstractValue, HeldLocks> flow;
  private final VisitorState state;
  private final Map<Tree, HeldLocks> storesBefore = new IdentityHashMap<>();

  private LockAnalysis(
      TreePath unitPath,
      List<HeldLock> entryMonitors,
      AnalysisResult<UnusedAbstractValue, HeldLocks> flow,
      VisitorState state) {
    this.unitPath = unitPath;
    this.state = state;
    this.entryMonitors = entryMonitors;
    this.flow = flow;
  }

  /** The method or lambda this analysis covers. */
  public Tree unit() {
    return unitPath.getLeaf();
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
    storeBefore(path.getLeaf()).held().forEach(held::putIfAbsent);
    return List.copyOf(held.values());
  }

  /** Lock classes that a dominating {@code @SortedAcquire} call has pre-acquired. */
  public Set<String> sortedBefore(TreePath path) {
    return storeBefore(path.getLeaf()).sortedClasses();
  }

  /**
   * The dataflow fact before {@code leaf}. Each lookup re-runs the transfer function from the
   * start of the leaf's block, and the checkers ask twice per copy (held and sorted), so answers
   * are kept.
   */
  private HeldLocks storeBefore(Tree leaf) {
    if (flow == null) {
      return HeldLocks.EMPTY;
    }
    return storesBefore.computeIfAbsent(leaf, this::lookUpStoreBefore);
  }

  private HeldLocks lookUpStoreBefore(Tree leaf) {
    HeldLocks store = flow.getStoreBefore(leaf);
    if (store == null && leaf instanceof SynchronizedTree sync) {
      store = flow.getStoreBefore(sync.getExpression());
    }
    return store == null ? HeldLocks.EMPTY : store;
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
    AnalysisResult<UnusedAbstractValue, HeldLocks> flow = null;
    boolean preconditions = method != null && !LockOps.heldOnEntry(method, state).isEmpty();
    if (preconditions || hasExplicitLockCall(unitPath, state)) {
      flow = runDataflow(unitPath, method, state);
    }
    return new LockAnalysis(unitPath, List.copyOf(entryMonitors), flow, state);
  }

  private static AnalysisResult<UnusedAbstractValue, HeldLocks> runDataflow(
      TreePath unitPath, MethodSymbol method, VisitorState state) {
    ClassTree cls = ASTHelpers.findEnclosingNode(unitPath, ClassTree.class);
    Tree unit = unitPath.getLeaf();
    UnderlyingAST ast;
    Tree body;
    if (unit instanceof LambdaExpressionTree lambda) {
      ast = new UnderlyingAST.CFGLambda(
          lambda, cls, ASTHelpers.findEnclosingNode(unitPath, MethodTree.class));
      body = lambda.getBody();
    } else {
      MethodTree m = (MethodTree) unit;
      ast = new UnderlyingAST.CFGMethod(m, cls);
      body = m.getBody();
    }
    ControlFlowGraph cfg =
        CFGBuilder.build(
            new TreePath(unitPath, body),
            ast,
            /* assumeAssertionsEnabled= */ false,
            /* assumeAssertionsDisabled= */ false,
            JavacProcessingEnvironment.instance(state.context));
    ForwardAnalysisImpl<UnusedAbstractValue, HeldLocks, HeldLockTransfer> analysis =
        new ForwardAnalysisImpl<>(new HeldLockTransfer(method, state));
    analysis.performAnalysis(cfg);
    return analysis.getResult();
  }

  /** True when the body (not nested classes or lambdas) calls something that takes or drops a lock. */
  private static boolean hasExplicitLockCall(TreePath unitPath, VisitorState state) {
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!found[0]) {
          for (LockEffect effect : LockOps.effects(call, state.withPath(getCurrentPath()))) {
            if (effect.kind() != LockEffect.Kind.MONITOR_CALL) {
              found[0] = true;
            }
          }
        }
        return found[0] ? null : super.visitMethodInvocation(call, unused);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return tree == unitPath.getLeaf() ? super.visitLambdaExpression(tree, unused) : null;
      }
    }.scan(unitPath, null);
    return found[0];
  }
}
