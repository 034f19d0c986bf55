package dev.faultlock.samples.clusterfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LockManagerTest {
  private final LockManager locks = new LockManager();
  private final InodeLock a = new InodeLock(1, "a");
  private final InodeLock b = new InodeLock(2, "b");
  private final Actor one = new Actor("one");
  private final Actor two = new Actor("two");

  @AfterEach
  void stopActors() throws InterruptedException {
    one.stop();
    two.stop();
  }

  @Test
  void sharedHoldersShareAndExcludeWriters() throws Exception {
    locks.lockShared(a);

    assertThat(one.call(() -> locks.tryLockShared(a))).isTrue();
    assertThat(two.call(() -> locks.tryLockExclusive(a))).isFalse();
    assertThat(locks.waitForGraph().heldBy(one.thread())).containsEntry(a, LockMode.SHARED);
    assertThat(locks.waitForGraph().heldBy(two.thread())).isEmpty();
  }

  @Test
  void exclusiveHolderExcludesEveryoneElse() throws Exception {
    locks.lockExclusive(a);

    assertThat(one.call(() -> locks.tryLockShared(a))).isFalse();
    assertThat(one.call(() -> locks.tryLockExclusive(a))).isFalse();
    assertThat(one.call(() -> locks.tryLockExclusive(b))).as("another lock is free").isTrue();
  }

  @Test
  void blockedRequestIsGrantedOnRelease() throws Exception {
    locks.lockExclusive(a);
    Future<Boolean> shared = one.start(() -> { locks.lockShared(a); return true; });
    one.awaitWaiting(locks);

    WaitForGraph graph = locks.waitForGraph();
    assertThat(graph.waitingFor(one.thread())).contains(new WaitForGraph.Request(a, LockMode.SHARED));
    assertThat(graph.edges())
        .containsExactly(new WaitForGraph.Edge(one.thread(), a, LockMode.SHARED, Thread.currentThread(), LockMode.EXCLUSIVE));
    assertThat(shared).isNotDone();

    locks.unlock(a);

    assertThat(shared.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(locks.waitForGraph().heldBy(one.thread())).containsExactlyEntriesOf(java.util.Map.of(a, LockMode.SHARED));
    assertThat(locks.waitForGraph().edges()).isEmpty();
  }

  @Test
  void grantsNestAndEachNeedsItsOwnUnlock() throws Exception {
    locks.lockExclusive(a);
    locks.lockExclusive(a);
    locks.lockShared(a);
    assertThat(locks.tryLockExclusive(a)).isTrue();

    for (int i = 0; i < 3; i++) {
      locks.unlock(a);
      assertThat(locks.heldByCurrentThread(a)).contains(LockMode.EXCLUSIVE);
      assertThat(one.call(() -> locks.tryLockShared(a))).isFalse();
    }
    locks.unlock(a);

    assertThat(locks.heldByCurrentThread(a)).isEmpty();
    assertThat(one.call(() -> locks.tryLockShared(a))).isTrue();
  }

  @Test
  void soleSharedHolderConvertsToExclusiveAndBack() throws Exception {
    locks.lockShared(a);
    locks.lockExclusive(a);
    assertThat(locks.heldByCurrentThread(a)).contains(LockMode.EXCLUSIVE);
    assertThat(one.call(() -> locks.tryLockShared(a))).isFalse();

    locks.unlock(a);

    assertThat(locks.heldByCurrentThread(a)).contains(LockMode.SHARED);
    assertThat(one.call(() -> locks.tryLockShared(a))).isTrue();
    assertThat(two.call(() -> locks.tryLockExclusive(a))).isFalse();
  }

  @Test
  void conversionWaitsForTheOtherSharedHolders() throws Exception {
    one.call(() -> { locks.lockShared(a); return null; });
    locks.lockShared(a);
    Future<Boolean> convert = one.start(() -> { locks.lockExclusive(a); return true; });
    one.awaitWaiting(locks);

    assertThat(locks.waitForGraph().edges())
        .containsExactly(new WaitForGraph.Edge(one.thread(), a, LockMode.EXCLUSIVE, Thread.currentThread(), LockMode.SHARED));

    locks.unlock(a);

    assertThat(convert.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(locks.waitForGraph().heldBy(one.thread())).containsEntry(a, LockMode.EXCLUSIVE);
  }

  @Test
  void unlockingALockNotHeldIsAnError() throws Exception {
    assertThatThrownBy(() -> locks.unlock(a))
        .isInstanceOf(IllegalMonitorStateException.class)
        .hasMessageContaining("does not hold inode 1 (a)");
    one.call(() -> { locks.lockShared(a); return null; });
    assertThatThrownBy(() -> locks.unlock(a)).isInstanceOf(IllegalMonitorStateException.class);
  }

  @Test
  void interruptEndsAWaitAndLeavesNoTrace() throws Exception {
    locks.lockExclusive(a);
    Future<Boolean> blocked = one.start(() -> { locks.lockExclusive(a); return true; });
    one.awaitWaiting(locks);
    long before = locks.waitForGraph().version();

    one.thread().interrupt();

    assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InterruptedException.class);
    WaitForGraph graph = locks.waitForGraph();
    assertThat(graph.waitingFor(one.thread())).isEmpty();
    assertThat(graph.edges()).isEmpty();
    assertThat(graph.version()).isGreaterThan(before);
    assertThat(graph.heldBy(Thread.currentThread())).containsEntry(a, LockMode.EXCLUSIVE);
    locks.unlock(a);
    assertThat(locks.waitForGraph().isIdle()).isTrue();
  }

  @Test
  void pendingInterruptFailsTheLockAtOnce() {
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> locks.lockShared(a)).isInstanceOf(InterruptedException.class);
    assertThat(Thread.interrupted()).as("interrupt consumed").isFalse();
    assertThat(locks.waitForGraph().isIdle()).isTrue();
  }

  @Test
  void versionMovesOnlyWhenTheTableChanges() throws Exception {
    long start = locks.waitForGraph().version();
    assertThat(locks.waitForGraph().version()).isEqualTo(start);
    assertThat(one.call(() -> locks.tryLockExclusive(a))).isTrue();
    long granted = locks.waitForGraph().version();
    assertThat(granted).isGreaterThan(start);
    assertThat(locks.tryLockShared(a)).isFalse();
    assertThat(locks.waitForGraph().version()).as("a failed try changes nothing").isEqualTo(granted);
  }

  @Test
  void abbaOnSharedHoldersIsACycleInTheWaitForGraph() throws Exception {
    one.call(() -> { locks.lockShared(a); return null; });
    two.call(() -> { locks.lockShared(b); return null; });
    assertThat(locks.waitForGraph().cycles()).isEmpty();

    Future<?> oneWantsB = one.start(() -> { locks.lockExclusive(b); return null; });
    Future<?> twoWantsA = two.start(() -> { locks.lockExclusive(a); return null; });
    one.awaitWaiting(locks);
    two.awaitWaiting(locks);

    List<List<WaitForGraph.Edge>> cycles = locks.waitForGraph().cycles();
    assertThat(cycles)
        .containsExactly(
            List.of(
                new WaitForGraph.Edge(one.thread(), b, LockMode.EXCLUSIVE, two.thread(), LockMode.SHARED),
                new WaitForGraph.Edge(two.thread(), a, LockMode.EXCLUSIVE, one.thread(), LockMode.SHARED)));

    // Breaking the cycle: one gives up its wait, so two is still blocked by one's shared a.
    one.thread().interrupt();
    assertThatThrownBy(() -> oneWantsB.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
    assertThat(locks.waitForGraph().cycles()).isEmpty();
    one.call(() -> { locks.unlock(a); return null; });
    twoWantsA.get(5, TimeUnit.SECONDS);
    assertThat(locks.waitForGraph().heldBy(two.thread())).containsOnlyKeys(a, b);
  }

  @Test
  void twoConvertingSharedHoldersDeadlock() throws Exception {
    one.call(() -> { locks.lockShared(a); return null; });
    two.call(() -> { locks.lockShared(a); return null; });
    Future<?> oneConverts = one.start(() -> { locks.lockExclusive(a); return null; });
    Future<?> twoConverts = two.start(() -> { locks.lockExclusive(a); return null; });
    one.awaitWaiting(locks);
    two.awaitWaiting(locks);

    assertThat(locks.waitForGraph().cycles()).singleElement().satisfies(cycle -> assertThat(cycle).hasSize(2));

    one.thread().interrupt();
    two.thread().interrupt();
    assertThatThrownBy(() -> oneConverts.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
    assertThatThrownBy(() -> twoConverts.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
    assertThat(locks.waitForGraph().edges()).isEmpty();
  }

  @Test
  void readersDoNotWaitForEachOther() throws Exception {
    one.call(() -> { locks.lockShared(a); return null; });
    Future<?> shared = two.start(() -> { locks.lockShared(a); return null; });
    shared.get(5, TimeUnit.SECONDS);
    assertThat(locks.waitForGraph().edges()).isEmpty();
  }
}
