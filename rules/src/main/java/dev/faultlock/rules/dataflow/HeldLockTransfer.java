package dev.faultlock.rules.dataflow;

import com.google.errorprone.VisitorState;
import dev.faultlock.rules.locks.LockEffect;
import dev.faultlock.rules.locks.LockOps;
import java.util.List;
import org.checkerframework.errorprone.dataflow.analysis.ConditionalTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.ForwardTransferFunction;
import org.checkerframework.errorprone.dataflow.analysis.RegularTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.analysis.UnusedAbstractValue;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.node.AbstractNodeVisitor;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalNotNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/**
 * Forward transfer of {@link HeldLocks} over explicit lock operations: {@code lock()}/{@code
 * unlock()} and friends, lock annotations on called methods. {@code tryLock()} holds its lock on
 * the true branch only. Monitors are not tracked here: {@code synchronized} is block-structured, so
 * {@link LockAnalysis} reads it off the tree.
 */
final class HeldLockTransfer
    extends AbstractNodeVisitor<
        TransferResult<UnusedAbstractValue, HeldLocks>,
        TransferInput<UnusedAbstractValue, HeldLocks>>
    implements ForwardTransferFunction<UnusedAbstractValue, HeldLocks> {

  private final VisitorState state;
  private final HeldLocks entry;

  HeldLockTransfer(HeldLocks entry, VisitorState state) {
    this.state = state;
    this.entry = entry;
  }

  @Override
  public HeldLocks initialStore(UnderlyingAST ast, List<LocalVariableNode> parameters) {
    return entry;
  }

  @Override
  public TransferResult<UnusedAbstractValue, HeldLocks> visitNode(
      Node node, TransferInput<UnusedAbstractValue, HeldLocks> input) {
    if (input.containsTwoStores()) {
      return new ConditionalTransferResult<>(null, input.getThenStore(), input.getElseStore());
    }
    return new RegularTransferResult<>(null, input.getRegularStore());
  }

  @Override
  public TransferResult<UnusedAbstractValue, HeldLocks> visitConditionalNot(
      ConditionalNotNode node, TransferInput<UnusedAbstractValue, HeldLocks> input) {
    if (input.containsTwoStores()) {
      return new ConditionalTransferResult<>(null, input.getElseStore(), input.getThenStore());
    }
    return visitNode(node, input);
  }

  @Override
  public TransferResult<UnusedAbstractValue, HeldLocks> visitMethodInvocation(
      MethodInvocationNode node, TransferInput<UnusedAbstractValue, HeldLocks> input) {
    List<LockEffect> effects = LockOps.effects(node.getTree(), state);
    if (effects.isEmpty()) {
      return new RegularTransferResult<>(null, input.getRegularStore());
    }
    HeldLocks after = input.getRegularStore();
    HeldLocks ifTrue = null;
    for (LockEffect effect : effects) {
      switch (effect.kind()) {
        case ACQUIRE -> after = after.acquire(effect.lock(), true);
        case TRY_ACQUIRE -> after = after.acquire(effect.lock(), false);
        case TRY_ACQUIRE_IF_TRUE ->
            ifTrue = (ifTrue == null ? after : ifTrue).acquire(effect.lock(), false);
        case RELEASE -> after = after.release(effect.lock());
        case SORTED -> after = after.sorted(effect.sortedClass());
        case MONITOR_CALL -> {
          // Taken and given back within the call: nothing held after it.
        }
      }
    }
    if (ifTrue != null) {
      return new ConditionalTransferResult<>(null, ifTrue, after);
    }
    return new RegularTransferResult<>(null, after);
  }
}
