package dev.faultlock.rules.dataflow;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.util.Context;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One {@link LockAnalysis} per method or lambda per compilation unit, shared by every faultlock
 * checker through javac's {@link Context}: the checkers ask about the same bodies, and the
 * dataflow runs once for each. The cache is dropped when Error Prone moves to the next compilation
 * unit, so it holds one file's trees at most.
 */
public final class LockAnalyses {
  private static final Context.Key<LockAnalyses> KEY = new Context.Key<>();

  private CompilationUnitTree unit;
  private final Map<Tree, LockAnalysis> byBody = new IdentityHashMap<>();

  private LockAnalyses() {}

  /** The cache of this compilation (javac context). */
  public static LockAnalyses instance(VisitorState state) {
    LockAnalyses analyses = state.context.get(KEY);
    if (analyses == null) {
      analyses = new LockAnalyses();
      state.context.put(KEY, analyses);
    }
    return analyses;
  }

  /**
   * The analysis of the method or lambda around {@code state}'s path, or null when the path is in
   * no method or lambda body (field initializers and initializer blocks hold no lock of interest).
   */
  public LockAnalysis around(VisitorState state) {
    TreePath unitPath = LockAnalysis.unitOf(state.getPath());
    if (unitPath == null) {
      return null;
    }
    if (unitPath.getCompilationUnit() != unit) {
      unit = unitPath.getCompilationUnit();
      byBody.clear();
    }
    LockAnalysis analysis = byBody.get(unitPath.getLeaf());
    if (analysis == null) {
      analysis = LockAnalysis.analyse(unitPath, state.withPath(unitPath));
      byBody.put(unitPath.getLeaf(), analysis);
    }
    return analysis;
  }
}
