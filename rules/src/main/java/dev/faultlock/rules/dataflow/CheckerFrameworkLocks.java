package dev.faultlock.rules.dataflow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import java.util.IdentityHashMap;
import java.util.Map;
import org.checkerframework.errorprone.dataflow.analysis.AnalysisResult;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.analysis.UnusedAbstractValue;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;

/**
 * The general engine: a forward analysis of {@link HeldLockTransfer} on the Checker Framework
 * dataflow that Error Prone ships, over the control-flow graph of the body, with its exceptional
 * edges. It answers for any body, however its locks are taken and given back.
 */
final class CheckerFrameworkLocks implements HeldLockFacts {
  private final AnalysisResult<UnusedAbstractValue, HeldLocks> result;
  private final Map<Tree, HeldLocks> before = new IdentityHashMap<>();

  private CheckerFrameworkLocks(AnalysisResult<UnusedAbstractValue, HeldLocks> result) {
    this.result = result;
  }

  /** Builds the body's CFG and solves it, starting from {@code entry}. */
  static CheckerFrameworkLocks run(TreePath unitPath, HeldLocks entry, VisitorState state) {
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
        new ForwardAnalysisImpl<>(new HeldLockTransfer(entry, state));
    analysis.performAnalysis(cfg);
    return new CheckerFrameworkLocks(analysis.getResult());
  }

  /**
   * Each lookup re-runs the transfer function from the start of the leaf's block, and the
   * checkers ask more than once per point (held and sorted), so answers are kept. A point the
   * analysis never reached (dead code) holds nothing.
   */
  @Override
  public HeldLocks before(TreePath path) {
    return before.computeIfAbsent(path.getLeaf(), this::lookUp);
  }

  private HeldLocks lookUp(Tree leaf) {
    HeldLocks store = result.getStoreBefore(leaf);
    if (store == null && leaf instanceof SynchronizedTree sync) {
      // The CFG has no node for the statement itself: its monitor expression comes first.
      store = result.getStoreBefore(sync.getExpression());
    }
    return store == null ? HeldLocks.EMPTY : store;
  }
}
