package dev.faultlock.rules;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import dev.faultlock.catalog.Messages;
import dev.faultlock.catalog.Rule;
import dev.faultlock.rules.dataflow.HeldLock;
import dev.faultlock.rules.dataflow.LockAnalysis;
import dev.faultlock.rules.locks.LockRef;
import java.util.List;
import javax.inject.Inject;

/**
 * A second lock of one lock class taken while the first is held, in program order, with nothing
 * that orders the two: the ABBA that sorting cures.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "UnsortedSameClassLocks",
    altNames = Rule.SUPPRESS_ALL,
    summary =
        "Two locks of one lock class are taken one after the other without a global order: two"
            + " threads taking them in opposite order deadlock.",
    severity = WARNING,
    linkType = CUSTOM,
    link = "UnsortedSameClassLocks.md in the faultlock-rules jar, or run: faultlock explain"
        + " UnsortedSameClassLocks")
public final class UnsortedSameClassLocks extends AcquisitionChecker {
  private static final long serialVersionUID = 1L;

  /** Extra method names whose calls order two locks, such as a project's {@code lockOrder}. */
  static final String ORDERING_METHODS_FLAG = "UnsortedSameClassLocks:OrderingMethods";

  private final ImmutableSet<String> orderingMethods;

  public UnsortedSameClassLocks() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  public UnsortedSameClassLocks(ErrorProneFlags flags) {
    this.orderingMethods = flags.getSetOrEmpty(ORDERING_METHODS_FLAG);
  }

  @Override
  boolean skip(VisitorState state) {
    return Acquisitions.inSortedAcquireMethod(state);
  }

  @Override
  Description judge(
      Tree tree, List<LockRef> acquired, List<HeldLock> held, LockAnalysis analysis,
      VisitorState state) {
    for (LockRef second : acquired) {
      if (analysis.sortedBefore(state.getPath()).contains(second.lockClass())) {
        continue;
      }
      for (HeldLock first : held) {
        if (first.lock().lockClass().equals(second.lockClass())
            && !first.lock().key().equals(second.key())
            && !Acquisitions.orderingGuardBefore(
                analysis.unitPath(), ASTHelpers.getStartPosition(tree), orderingMethods)) {
          return buildDescription(tree)
              .setMessage(
                  Messages.unsortedSameClassLocks(
                      second.lockClass(), first.lock().display(), second.display()))
              .build();
        }
      }
    }
    return Description.NO_MATCH;
  }
}
