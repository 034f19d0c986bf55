package dev.faultlock.rules.dataflow;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.faultlock.rules.locks.LockEffect;
import dev.faultlock.rules.locks.LockOps;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of one method or lambda body (not of the classes and lambdas nested in it, which are
 * bodies of their own) that change the locks held after them: everything the held-lock dataflow
 * transfers. A call to a {@code synchronized} method takes and gives back its monitor within the
 * call, so it changes nothing here and is left out.
 */
final class LockCalls {
  private final Map<MethodInvocationTree, TreePath> paths = new LinkedHashMap<>();
  private final Map<MethodInvocationTree, List<LockEffect>> effects = new IdentityHashMap<>();
  private boolean opaque;

  private LockCalls() {}

  static LockCalls of(TreePath unitPath, VisitorState state) {
    LockCalls calls = new LockCalls();
    calls.new Scanner(unitPath.getLeaf(), state).scan(unitPath, null);
    return calls;
  }

  boolean isEmpty() {
    return paths.isEmpty();
  }

  /** The calls, in source order, each with its path. */
  Map<MethodInvocationTree, TreePath> paths() {
    return paths;
  }

  /** What {@code call} does to held locks, or null when it does nothing. */
  List<LockEffect> effects(MethodInvocationTree call) {
    return effects.get(call);
  }

  /**
   * True when the body's control-flow graph differs from its tree in a way that can change the
   * held-lock fact: the graph has calls the source does not show ({@code iterator()}, {@code
   * hasNext()} and {@code next()} of an enhanced {@code for}, a resource's {@code close()}) to a
   * method with a lock annotation, or a try whose block cannot complete normally and has no call,
   * object creation, {@code return} or {@code throw}: only an exception the graph does not model
   * could leave it, so its catch and finally blocks and the code after them are dead in the
   * graph and hold nothing there, while the tree would say they hold its locks.
   */
  boolean opaque() {
    return opaque;
  }

  private final class Scanner extends BodyScanner<Void, Void> {
    private final VisitorState state;

    Scanner(Tree unit, VisitorState state) {
      super(unit);
      this.state = state;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      // Most calls have no effect, and an effect does not depend on the path (the state only
      // gives types and the source): no new state and no list for them.
      List<LockEffect> all = LockOps.effects(call, state);
      List<LockEffect> changes =
          all.isEmpty()
              ? all
              : all.stream().filter(e -> e.kind() != LockEffect.Kind.MONITOR_CALL).toList();
      if (!changes.isEmpty()) {
        paths.put(call, getCurrentPath());
        effects.put(call, changes);
      }
      return super.visitMethodInvocation(call, unused);
    }

    @Override
    public Void visitTry(TryTree tree, Void unused) {
      for (Tree resource : tree.getResources()) {
        opaque |= hides(ASTHelpers.getType(resource), "close");
      }
      opaque |= !Reachability.canCompleteNormally(tree.getBlock()) && !mayLeave(tree.getBlock());
      return super.visitTry(tree, unused);
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
      Type iterated = ASTHelpers.getType(tree.getExpression());
      if (!(iterated instanceof Type.ArrayType)) {
        MethodSymbol iterator = noArgMethod(iterated, "iterator");
        opaque |= hides(iterated, "iterator")
            || iterator == null
            || hides(iterator.getReturnType(), "hasNext")
            || hides(iterator.getReturnType(), "next");
      }
      return super.visitEnhancedForLoop(tree, unused);
    }

    /**
     * Whether a call the compiler adds to {@code name()} on {@code type} may change held locks:
     * some method of that name of the type or a supertype has a lock annotation. JDK types have
     * none.
     */
    private boolean hides(Type type, String name) {
      if (type == null) {
        return true;
      }
      if (inJdk(type)) {
        return false;
      }
      for (Type t : state.getTypes().closure(state.getTypes().erasure(type))) {
        for (Symbol member : t.tsym.members().getSymbolsByName(state.getName(name))) {
          if (member instanceof MethodSymbol m
              && m.getParameters().isEmpty()
              && LockOps.annotatedWithEffects(m)) {
            return true;
          }
        }
      }
      return false;
    }

    /** The most specific {@code name()} of {@code type}, or null. */
    private MethodSymbol noArgMethod(Type type, String name) {
      if (type == null) {
        return null;
      }
      for (Type t : state.getTypes().closure(state.getTypes().erasure(type))) {
        for (Symbol member : t.tsym.members().getSymbolsByName(state.getName(name))) {
          if (member instanceof MethodSymbol m && m.getParameters().isEmpty()) {
            return m;
          }
        }
      }
      return null;
    }

    /**
     * Whether the graph has a way out of {@code block} other than completing normally: a call or
     * object creation (which may throw), a {@code return} or a {@code throw}.
     */
    private boolean mayLeave(Tree block) {
      boolean[] found = {false};
      new TreeScanner<Void, Void>() {
        @Override
        public Void scan(Tree tree, Void unused) {
          if (tree instanceof MethodInvocationTree
              || tree instanceof NewClassTree
              || tree instanceof ReturnTree
              || tree instanceof ThrowTree) {
            found[0] = true;
          }
          return found[0] || tree instanceof ClassTree || tree instanceof LambdaExpressionTree
              ? null
              : super.scan(tree, unused);
        }
      }.scan(block, null);
      return found[0];
    }

    private boolean inJdk(Type type) {
      if (type == null) {
        return false;
      }
      String name = state.getTypes().erasure(type).tsym.getQualifiedName().toString();
      return name.startsWith("java.") || name.startsWith("javax.");
    }
  }
}
