package dev.faultlock.rules;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.catalog.Messages;
import dev.faultlock.catalog.Rule;
import dev.faultlock.rules.dataflow.HeldLock;
import dev.faultlock.rules.dataflow.LockAnalysis;
import dev.faultlock.rules.locks.Annotations;
import dev.faultlock.rules.locks.LockRef;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * A lock taken while a lock of a class that {@code @LockOrder} puts after it is held. The order
 * comes from the innermost enclosing type that declares one, else the package, else {@code
 * -XepOpt:DeclaredOrderViolation:LockOrder}.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "DeclaredOrderViolation",
    altNames = Rule.SUPPRESS_ALL,
    summary = "A lock is acquired while a lock of a class declared later in @LockOrder is held.",
    severity = ERROR,
    linkType = CUSTOM,
    link = "DeclaredOrderViolation.md in the faultlock-rules jar, or run: faultlock explain"
        + " DeclaredOrderViolation")
public final class DeclaredOrderViolation extends AcquisitionChecker {
  private static final long serialVersionUID = 1L;

  /** A project-wide order for code that cannot carry {@code @LockOrder}: lock classes, outermost first. */
  static final String LOCK_ORDER_FLAG = "DeclaredOrderViolation:LockOrder";

  private final ImmutableList<String> defaultOrder;

  public DeclaredOrderViolation() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  public DeclaredOrderViolation(ErrorProneFlags flags) {
    this.defaultOrder = flags.getListOrEmpty(LOCK_ORDER_FLAG);
  }

  @Override
  boolean skip(VisitorState state) {
    return declaredOrder(state.getPath()).isEmpty();
  }

  @Override
  Description judge(
      Tree tree, List<LockRef> acquired, List<HeldLock> held, LockAnalysis analysis,
      VisitorState state) {
    List<String> order = declaredOrder(state.getPath());
    for (LockRef lock : acquired) {
      int rank = order.indexOf(lock.lockClass());
      if (rank < 0) {
        continue;
      }
      for (HeldLock h : held) {
        if (order.indexOf(h.lock().lockClass()) > rank) {
          return buildDescription(tree)
              .setMessage(
                  Messages.declaredOrderViolation(
                      lock.lockClass(), lock.display(), h.lock().lockClass(), h.lock().display()))
              .build();
        }
      }
    }
    return Description.NO_MATCH;
  }

  private List<String> declaredOrder(TreePath path) {
    Symbol outermost = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree cls) {
        ClassSymbol sym = ASTHelpers.getSymbol(cls);
        Optional<List<String>> order = Annotations.strings(sym, LockApi.LOCK_ORDER, "value");
        if (order.isPresent()) {
          return order.get();
        }
        outermost = sym;
      }
    }
    if (outermost != null) {
      Optional<List<String>> order =
          Annotations.strings(ASTHelpers.enclosingPackage(outermost), LockApi.LOCK_ORDER, "value");
      if (order.isPresent()) {
        return order.get();
      }
    }
    return defaultOrder;
  }
}
