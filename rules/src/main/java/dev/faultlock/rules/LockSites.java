package dev.faultlock.rules;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.util.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The trees of one compilation unit that faultlock's checkers look at, found by one scan shared
 * by all four through javac's {@link Context}: calls and {@code synchronized} blocks (where a lock
 * may be taken or a copy may fault) and declarations (where an annotation may be misused), each
 * with its path, in the order Error Prone's own scan visits them.
 *
 * <p>Why the checkers walk these lists from a {@code CompilationUnitTreeMatcher} instead of
 * registering matchers for calls and declarations: Error Prone calls every matcher registered for
 * a kind of tree on every tree of that kind, with a suppression test and a timer around each
 * call, and on real code (commons-io) that dispatch to faultlock's matchers cost about 2 % of the
 * compile although nearly every call returned at once, since most units hold no lock. Now an
 * irrelevant unit costs each checker one call, and a relevant one a single shared scan.
 */
final class LockSites {
  private static final Context.Key<LockSites> KEY = new Context.Key<>();

  private CompilationUnitTree unit;
  private final List<TreePath> acquisitionsAndCalls = new ArrayList<>();
  private final List<TreePath> declarations = new ArrayList<>();

  private LockSites() {}

  /** The sites of the compilation unit of {@code state}'s path. */
  static LockSites of(VisitorState state) {
    LockSites sites = state.context.get(KEY);
    if (sites == null) {
      sites = new LockSites();
      state.context.put(KEY, sites);
    }
    CompilationUnitTree current = state.getPath().getCompilationUnit();
    if (current != sites.unit) {
      sites.unit = current;
      sites.acquisitionsAndCalls.clear();
      sites.declarations.clear();
      sites.new Collector().scan(new TreePath(current), null);
    }
    return sites;
  }

  /** Every method call and {@code synchronized} block, in source order. */
  List<TreePath> acquisitionsAndCalls() {
    return acquisitionsAndCalls;
  }

  /** Every class, method and variable declaration, in source order. */
  List<TreePath> declarations() {
    return declarations;
  }

  /** Adds each site's path as the scan enters it, so each list keeps the scan's order. */
  private final class Collector extends TreePathScanner<Void, Void> {
    @Override
    public Void scan(Tree tree, Void unused) {
      if (tree instanceof MethodInvocationTree || tree instanceof SynchronizedTree) {
        acquisitionsAndCalls.add(new TreePath(getCurrentPath(), tree));
      } else if (tree instanceof ClassTree
          || tree instanceof MethodTree
          || tree instanceof VariableTree) {
        declarations.add(new TreePath(getCurrentPath(), tree));
      }
      return super.scan(tree, unused);
    }
  }
}
