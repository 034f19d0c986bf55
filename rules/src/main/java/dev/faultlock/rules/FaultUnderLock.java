package dev.faultlock.rules;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.catalog.Messages;
import dev.faultlock.catalog.Rule;
import dev.faultlock.rules.dataflow.HeldLock;
import dev.faultlock.rules.dataflow.LockAnalyses;
import dev.faultlock.rules.dataflow.LockAnalysis;
import dev.faultlock.rules.locks.Annotations;
import dev.faultlock.rules.locks.LockRelevance;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;

/**
 * A call that may fault, made while a lock is held: lockdep's {@code might_fault()} rule. Within
 * one compilation unit the fault handler is not known, so the copy itself is the finding; the
 * whole-program pass names the handler and the lock it takes.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "FaultUnderLock",
    altNames = Rule.SUPPRESS_ALL,
    summary =
        "A copy that may fault runs while a lock is held, and the fault handler can take another"
            + " lock of the same class: two threads on two files deadlock ABBA.",
    severity = ERROR,
    linkType = CUSTOM,
    link = "FaultUnderLock.md in the faultlock-rules jar, or run: faultlock explain"
        + " FaultUnderLock")
public final class FaultUnderLock extends UnitChecker {
  private static final long serialVersionUID = 1L;

  private final FaultSites faultSites;
  private boolean optionsChecked;

  public FaultUnderLock() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  public FaultUnderLock(ErrorProneFlags flags) {
    this.faultSites = new FaultSites(flags);
  }

  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    checkOptionsOnce(tree, state);
    if (LockRelevance.relevant(state)) {
      for (TreePath site : LockSites.of(state).acquisitionsAndCalls()) {
        if (site.getLeaf() instanceof MethodInvocationTree call) {
          reportUnlessSuppressed(matchCall(call, state.withPath(site)), site, state);
        }
      }
    }
    return Description.NO_MATCH;
  }

  /**
   * A mistake in this checker's options is reported once, as an error on the first compilation
   * unit, rather than thrown: javac would show a stack trace for it.
   */
  private void checkOptionsOnce(CompilationUnitTree tree, VisitorState state) {
    if (optionsChecked) {
      return;
    }
    optionsChecked = true;
    for (String problem : faultSites.optionProblems(state)) {
      state.reportMatch(buildDescription(tree).setMessage(problem).build());
    }
  }

  private Description matchCall(MethodInvocationTree tree, VisitorState state) {
    if (faultSites.reason(tree, state) == null || inFaultsDisabledMethod(state)) {
      return Description.NO_MATCH;
    }
    LockAnalysis analysis = LockAnalyses.instance(state).around(state);
    if (analysis == null) {
      return Description.NO_MATCH;
    }
    Set<String> sorted = analysis.sortedBefore(state.getPath());
    List<HeldLock> held =
        analysis.heldBefore(state.getPath()).stream()
            .filter(h -> !sorted.contains(h.lock().lockClass()))
            .toList();
    if (held.isEmpty()) {
      return Description.NO_MATCH;
    }
    HeldLock innermost = held.get(held.size() - 1);
    String call = state.getSourceForNode(tree.getMethodSelect());
    return buildDescription(tree)
        .setMessage(
            Messages.faultUnderLock(
                call == null ? tree.getMethodSelect().toString() : call,
                innermost.lock().display(),
                innermost.lock().lockClass(),
                null,
                null,
                null))
        .build();
  }

  private static boolean inFaultsDisabledMethod(VisitorState state) {
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    return method != null
        && Annotations.has(ASTHelpers.getSymbol(method), LockApi.FAULTS_DISABLED);
  }
}
