package dev.faultlock.rules.dataflow;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The structural fast path against the Checker Framework dataflow, on the same bodies: {@link
 * HeldLockEngines} reports where their facts differ (no test expects such a report, so any fails
 * the test) and which engine each body gets. The cases sit on both sides of the fast path's
 * boundary.
 */
class HeldLockEnginesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(HeldLockEngines.class, getClass());

  private static final String[] HEADER = {
    "import dev.faultlock.annotations.*;",
    "import java.nio.ByteBuffer;",
    "import java.util.*;",
    "import java.util.concurrent.locks.*;",
  };

  private void check(String... body) {
    String[] lines = new String[HEADER.length + body.length + 6];
    System.arraycopy(HEADER, 0, lines, 0, HEADER.length);
    int i = HEADER.length;
    lines[i++] = "class Store {";
    lines[i++] = "  private final ReentrantLock lock = new ReentrantLock();";
    lines[i++] = "  private final ReentrantLock other = new ReentrantLock();";
    lines[i++] = "  private final ByteBuffer cache = ByteBuffer.allocate(64);";
    lines[i++] = "  @MayFault static void copy(ByteBuffer b) {}";
    System.arraycopy(body, 0, lines, i, body.length);
    lines[lines.length - 1] = "}";
    helper.addSourceLines("Store.java", lines).doTest();
  }

  @Test
  void theIdiomWithBreakReturnAndContinueInside() {
    check(
        "  // BUG: Diagnostic contains: held locks: structural, 5 points agree, 0 left",
        "  int read(ByteBuffer dst, int n) {",
        "    copy(dst);",
        "    for (int i = 0; i < n; i++) {",
        "      lock.lock();",
        "      try {",
        "        if (i == 1) { continue; }",
        "        if (i == 2) { break; }",
        "        if (i == 3) { return i; }",
        "        copy(dst);",
        "      } finally {",
        "        lock.unlock();",
        "      }",
        "      copy(dst);",
        "    }",
        "    return 0;",
        "  }");
  }

  @Test
  void loopsAroundAndInsideTheIdiomAndSwitchesAndLabels() {
    check(
        "  // BUG: Diagnostic contains: held locks: structural",
        "  void read(ByteBuffer dst, int n) {",
        "    outer:",
        "    while (true) {",
        "      lock.lock();",
        "      try {",
        "        do { copy(dst); } while (n-- > 0);",
        "        switch (n) {",
        "          case 1: break outer;",
        "          case 2: copy(dst); break;",
        "          default: continue outer;",
        "        }",
        "        if (false) { copy(dst); }",
        "      } finally {",
        "        lock.unlock();",
        "      }",
        "    }",
        "    copy(dst);",
        "  }");
  }

  @Test
  void nestedIdiomsOfTwoLocksAndCopiesInTheFinallyAfterTheRelease() {
    check(
        "  // BUG: Diagnostic contains: held locks: structural, 5 points agree, 2 left",
        "  void read(ByteBuffer dst) {",
        "    lock.lock();",
        "    try {",
        "      other.lock();",
        "      try {",
        "        copy(dst);",
        "      } finally {",
        "        other.unlock();",
        "        copy(dst);",
        "      }",
        "    } finally {",
        "      lock.unlock();",
        "      copy(dst);",
        "    }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: structural, 4 points agree, 0 left",
        "  void single(ByteBuffer dst) {",
        "    lock.lock();",
        "    try {",
        "      copy(dst);",
        "    } finally {",
        "      lock.unlock();",
        "      copy(dst);",
        "    }",
        "  }");
  }

  @Test
  void reentryOfAHeldLockGoesToTheDataflow() {
    check(
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void twice(ByteBuffer dst) {",
        "    lock.lock();",
        "    try {",
        "      lock.lock();",
        "      try { copy(dst); } finally { lock.unlock(); }",
        "      copy(dst);",
        "    } finally {",
        "      lock.unlock();",
        "    }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  @Holding(\"lock\") void held(ByteBuffer dst) {",
        "    lock.lock();",
        "    try { copy(dst); } finally { lock.unlock(); }",
        "    copy(dst);",
        "  }");
  }

  @Test
  void irregularLockingGoesToTheDataflow() {
    check(
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void inLoop(ByteBuffer dst, int n) {",
        "    for (int i = 0; i < n; i++) { copy(dst); lock.lock(); }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  boolean tried(ByteBuffer dst) {",
        "    if (!lock.tryLock()) { return false; }",
        "    try { copy(dst); return true; } finally { lock.unlock(); }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void early(ByteBuffer dst, boolean b) {",
        "    lock.lock();",
        "    try {",
        "      if (b) { lock.unlock(); copy(dst); return; }",
        "      copy(dst);",
        "    } finally {",
        "      lock.unlock();",
        "    }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void lockInsideTry(ByteBuffer dst) {",
        "    try { lock.lock(); copy(dst); } finally { lock.unlock(); }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void wrongLockReleased(ByteBuffer dst) {",
        "    lock.lock();",
        "    try { copy(dst); } finally { other.unlock(); }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void noFinally(ByteBuffer dst) {",
        "    lock.lock();",
        "    try { copy(dst); } catch (RuntimeException e) { lock.unlock(); throw e; }",
        "    lock.unlock();",
        "  }");
  }

  @Test
  void anUnlockInAHelperIsNoRelease() {
    check(
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  private void release() { lock.unlock(); }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void read(ByteBuffer dst) {",
        "    lock.lock();",
        "    try { copy(dst); } finally { release(); }",
        "    copy(dst);",
        "  }");
  }

  @Test
  void catchesOfTheIdiomAreLeftToTheDataflowAndTrysAroundItAreNotStructural() {
    check(
        "  // BUG: Diagnostic contains: held locks: structural, 3 points agree, 2 left",
        "  void caught(ByteBuffer dst) {",
        "    lock.lock();",
        "    try {",
        "      copy(dst);",
        "    } catch (IllegalStateException e) {",
        "      copy(dst);",
        "    } catch (RuntimeException e) {",
        "      copy(dst);",
        "    } finally {",
        "      lock.unlock();",
        "    }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void insideATryCatch(ByteBuffer dst) {",
        "    try {",
        "      lock.lock();",
        "      try { copy(dst); } finally { lock.unlock(); }",
        "    } catch (RuntimeException e) {",
        "      copy(dst);",
        "    }",
        "    copy(dst);",
        "  }",
        "  // BUG: Diagnostic contains: held locks: structural, 4 points agree, 1 left",
        "  void insideATryFinally(ByteBuffer dst) {",
        "    try {",
        "      lock.lock();",
        "      try { copy(dst); } finally { lock.unlock(); }",
        "    } finally {",
        "      copy(dst);",
        "    }",
        "    copy(dst);",
        "  }",
        "  // BUG: Diagnostic contains: held locks: structural",
        "  void inACatch(ByteBuffer dst) {",
        "    try {",
        "      copy(dst);",
        "    } catch (RuntimeException e) {",
        "      lock.lock();",
        "      try { copy(dst); } finally { lock.unlock(); }",
        "    }",
        "    copy(dst);",
        "  }");
  }

  @Test
  void stampedAndAnnotatedAcquisitionsInTheIdiom() {
    check(
        "  private final StampedLock stamped = new StampedLock();",
        "  @Acquires(\"this\") void enter() {}",
        "  @Releases(\"this\") void exit() {}",
        "  // BUG: Diagnostic contains: held locks: structural, 3 points agree",
        "  void stamp(ByteBuffer dst) {",
        "    long s = stamped.writeLock();",
        "    try { copy(dst); } finally { stamped.unlockWrite(s); }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: structural, 3 points agree",
        "  void annotated(ByteBuffer dst) {",
        "    enter();",
        "    try { copy(dst); } finally { exit(); }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void optimistic(ByteBuffer dst) {",
        "    long s = stamped.tryOptimisticRead();",
        "    copy(dst);",
        "    if (!stamped.validate(s)) { copy(dst); }",
        "    stamped.readLock();",
        "  }");
  }

  @Test
  void preconditionsAloneAreStructural() {
    check(
        "  // BUG: Diagnostic contains: held locks: structural, 3 points agree",
        "  @Holding(\"lock\") void held(ByteBuffer dst) {",
        "    copy(dst);",
        "    synchronized (this) { copy(dst); }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: structural, 4 points agree",
        "  @Holding(\"lock\") void heldAndMore(ByteBuffer dst) {",
        "    other.lock();",
        "    try { copy(dst); } finally { other.unlock(); }",
        "    copy(dst);",
        "  }");
  }

  @Test
  void callsTheGraphAddsGoToTheDataflowOnlyWhenAnnotated() {
    check(
        "  static class Guard implements AutoCloseable {",
        "    @Override public void close() {}",
        "  }",
        "  static class Held implements AutoCloseable {",
        "    @Releases(\"this\") @Override public void close() {}",
        "  }",
        "  static class Pages implements Iterable<ByteBuffer> {",
        "    @Override public Iterator<ByteBuffer> iterator() { return List.<ByteBuffer>of().iterator(); }",
        "  }",
        "  static class Cursor implements Iterator<ByteBuffer> {",
        "    @Override public boolean hasNext() { return false; }",
        "    @Releases(\"this\") @Override public ByteBuffer next() { return null; }",
        "  }",
        "  static class Leaves implements Iterable<ByteBuffer> {",
        "    @Override public Cursor iterator() { return new Cursor(); }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: structural",
        "  void jdkTypes(ByteBuffer dst, List<ByteBuffer> pages, int[] sizes) throws Exception {",
        "    lock.lock();",
        "    try (java.io.InputStream in = new java.io.ByteArrayInputStream(new byte[0])) {",
        "      for (ByteBuffer page : pages) { copy(page); }",
        "      for (int size : sizes) { copy(dst); }",
        "    } finally {",
        "      lock.unlock();",
        "    }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: structural",
        "  void plainUserTypes(ByteBuffer dst, Pages pages) {",
        "    lock.lock();",
        "    try (Guard g = new Guard()) {",
        "      for (ByteBuffer page : pages) { copy(page); }",
        "    } finally {",
        "      lock.unlock();",
        "    }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void annotatedClose(ByteBuffer dst) {",
        "    lock.lock();",
        "    try (Held h = new Held()) { copy(dst); } finally { lock.unlock(); }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void annotatedNext(Leaves leaves) {",
        "    lock.lock();",
        "    try { for (ByteBuffer leaf : leaves) { copy(leaf); } } finally { lock.unlock(); }",
        "  }");
  }

  @Test
  void catchClausesAroundTheIdiomThatCannotCatchWhatItsReleaseThrows() {
    check(
        "  static class Latch {",
        "    @Acquires(\"this\") void enter() {}",
        "    @Releases(\"this\") void exit() throws java.io.IOException {}",
        "  }",
        "  // BUG: Diagnostic contains: held locks: structural, 4 points agree, 2 left",
        "  int interruptible(ByteBuffer dst) {",
        "    try {",
        "      lock.lockInterruptibly();",
        "      try { copy(dst); } finally { lock.unlock(); }",
        "    } catch (InterruptedException e) {",
        "      copy(dst);",
        "    } finally {",
        "      copy(dst);",
        "    }",
        "    copy(dst);",
        "    return 0;",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void declaredByTheRelease(Latch latch, ByteBuffer dst) {",
        "    try {",
        "      latch.enter();",
        "      try { copy(dst); } finally { latch.exit(); }",
        "    } catch (java.io.IOException e) {",
        "      copy(dst);",
        "    }",
        "    copy(dst);",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void multiCatch(ByteBuffer dst) throws Exception {",
        "    try {",
        "      lock.lockInterruptibly();",
        "      try { copy(dst); } finally { lock.unlock(); }",
        "    } catch (InterruptedException | IllegalStateException e) {",
        "      copy(dst);",
        "    }",
        "    copy(dst);",
        "  }");
  }

  @Test
  void aTryLeftOnlyByReturnIsStructural() {
    check(
        "  private long size;",
        "  // BUG: Diagnostic contains: held locks: structural, 2 points agree",
        "  long size() {",
        "    lock.lock();",
        "    try {",
        "      return size;",
        "    } finally {",
        "      lock.unlock();",
        "    }",
        "  }");
  }

  @Test
  void lambdasAndSynchronizedBlocksInsideTheIdiom() {
    check(
        "  // BUG: Diagnostic contains: held locks: structural",
        "  Runnable read(ByteBuffer dst) {",
        "    lock.lock();",
        "    try {",
        "      synchronized (cache) { copy(dst); }",
        "      Runnable r = () -> {",
        "        copy(dst);",
        "      };",
        "      return r;",
        "    } finally {",
        "      lock.unlock();",
        "    }",
        "  }",
        "  Runnable later(ByteBuffer dst) {",
        "    // BUG: Diagnostic contains: held locks: structural, 3 points agree",
        "    return () -> {",
        "      other.lock();",
        "      try { copy(dst); } finally { other.unlock(); }",
        "    };",
        "  }");
  }

  @Test
  void sortedAcquisitionGoesToTheDataflow() {
    check(
        "  @SortedAcquire(\"Store.lock\") @Acquires(\"stores\") static void lockAll(List<Store> stores) {}",
        "  @Releases(\"stores\") static void unlockAll(List<Store> stores) {}",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  void read(List<Store> stores, ByteBuffer dst) {",
        "    lockAll(stores);",
        "    try { copy(dst); } finally { unlockAll(stores); }",
        "  }");
  }

  @Test
  void deadHandlersGoToTheDataflow() {
    check(
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  @Holding(\"other\") void spin(ByteBuffer dst, int n) {",
        "    lock.lock();",
        "    try {",
        "      while (true) { n++; }",
        "    } finally {",
        "      lock.unlock();",
        "      copy(dst);",
        "    }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: structural",
        "  @Holding(\"other\") void never(ByteBuffer dst, int n) {",
        "    lock.lock();",
        "    try {",
        "      n++;",
        "    } catch (RuntimeException e) {",
        "      copy(dst);",
        "    } finally {",
        "      lock.unlock();",
        "    }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: dataflow",
        "  @Holding(\"other\") void caughtOnly(ByteBuffer dst, int n) {",
        "    lock.lock();",
        "    try {",
        "      try { while (true) { n++; } } catch (RuntimeException e) { n--; }",
        "      copy(dst);",
        "    } finally {",
        "      lock.unlock();",
        "    }",
        "  }",
        "  // BUG: Diagnostic contains: held locks: structural, 4 points agree",
        "  @Holding(\"other\") void spinsAndCalls(ByteBuffer dst, int n) {",
        "    lock.lock();",
        "    try {",
        "      while (true) { copy(dst); }",
        "    } finally {",
        "      lock.unlock();",
        "      copy(dst);",
        "    }",
        "  }");
  }
}
