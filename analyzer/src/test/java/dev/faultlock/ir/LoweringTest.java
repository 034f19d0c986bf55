package dev.faultlock.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lowering of one construct per test, as the readable text of {@link IrPrinter}: every
 * method named (each lambda written in it after it), {@code == Type.name} before each.
 */
class LoweringTest {
  @TempDir Path dir;

  /** A synchronized method holding a synchronized block that may throw. */
  private static final String MONITORS =
      """
      package p;

      class Monitors {
        final Object lock = new Object();

        synchronized int take(Object o) {
          synchronized (lock) {
            if (o == null) throw new IllegalArgumentException();
            check(o);
            return 1;
          }
        }

        void check(Object o) {}
      }
      """;

  /**
   * {@code break}/{@code continue} with and without labels jump to the right loop, running the
   * finally blocks they leave on the way (the Lucene reopen-thread case).
   */
  @Test
  void breakAndContinueLeaveLabelledLoopsThroughTheirFinally() {
    Front f = Front.of(dir,
        "p/Loops.java",
        """
        package p;

        import java.util.concurrent.locks.Lock;

        class Loops {
          Lock lock;
          boolean stop;

          void run(int[] items) {
            outer:
            while (!stop) {
              for (int i : items) {
                lock.lock();
                try {
                  if (i < 0) continue outer;
                  if (i == 0) break outer;
                  if (i > 9) break;
                } finally {
                  lock.unlock();
                }
              }
            }
          }
        }
        """);

    assertIr(f, "breakAndContinueLeaveLabelledLoopsThroughTheirFinally", List.of("p.Loops", "run"),
        """
        == Loops.run
        L0: $t0 = this.stop
        L1: if $t0 goto L37
        L2: $t1 = 0
        L3: $t2 = length(items)
        L4: $t3 = $t1 < $t2
        L5: if $t3 goto L7
        L6: goto L36
        L7: i = items[$t1]
        L8: $t4 = this.lock
        L9: invoke interface $t4.lock() lib java.util.concurrent.locks.Lock lockapi acquire this.lock
        L10: $t5 = 0
        L11: $t6 = i < $t5
        L12: if $t6 goto L14
        L13: goto L17
        L14: $t12 = this.lock
        L15: invoke interface $t12.unlock() lib java.util.concurrent.locks.Lock lockapi release this.lock
        L16: goto L0
        L17: $t7 = 0
        L18: $t8 = i == $t7
        L19: if $t8 goto L21
        L20: goto L24
        L21: $t13 = this.lock
        L22: invoke interface $t13.unlock() lib java.util.concurrent.locks.Lock lockapi release this.lock
        L23: goto L37
        L24: $t9 = 9
        L25: $t10 = i > $t9
        L26: if $t10 goto L28
        L27: goto L31
        L28: $t14 = this.lock
        L29: invoke interface $t14.unlock() lib java.util.concurrent.locks.Lock lockapi release this.lock
        L30: goto L36
        L31: $t15 = this.lock
        L32: invoke interface $t15.unlock() lib java.util.concurrent.locks.Lock lockapi release this.lock
        L33: $t17 = 1
        L34: $t1 = $t1 + $t17
        L35: goto L3
        L36: goto L0
        L37: return
        """);
  }

  /**
   * Statement groups fall through to the next; arrows leave; a switch expression's arms and
   * {@code yield}s assign its value.
   */
  @Test
  void switchStatementsFallThroughAndSwitchExpressionsYield() {
    Front f = Front.of(dir,
        "p/Switches.java",
        """
        package p;

        class Switches {
          int n;

          int pick(int k) {
            switch (k) {
              case 1:
                n = 1;
              case 2, 3:
                n = 2;
                break;
              default:
                n = 0;
            }
            return switch (k) {
              case 1 -> 10;
              case 2 -> {
                if (n > 0) yield 20;
                yield 30;
              }
              default -> throw new IllegalStateException();
            };
          }
        }
        """);

    assertIr(f, "switchStatementsFallThroughAndSwitchExpressionsYield", List.of("p.Switches", "pick"),
        """
        == Switches.pick
        L0: switch k [L1, L3, L3] else L6
        L1: $t0 = 1
        L2: this.n = $t0
        L3: $t1 = 2
        L4: this.n = $t1
        L5: goto L8
        L6: $t2 = 0
        L7: this.n = $t2
        L8: switch k [L9, L12] else L23
        L9: $t4 = 10
        L10: $t3 = $t4
        L11: goto L26
        L12: $t5 = this.n
        L13: $t6 = 0
        L14: $t7 = $t5 > $t6
        L15: if $t7 goto L17
        L16: goto L20
        L17: $t8 = 20
        L18: $t3 = $t8
        L19: goto L26
        L20: $t9 = 30
        L21: $t3 = $t9
        L22: goto L26
        L23: $t10 = new java.lang.IllegalStateException
        L24: invoke special $t10.<init>()
        L25: throw $t10
        L26: return $t3
        """);
  }

  /**
   * A {@code return} inside nested try blocks runs both finally blocks, innermost first; a catch
   * clause is reached through the type test of its handler, and what no clause catches runs the
   * finally and is thrown on.
   */
  @Test
  void finallyIsCopiedOntoEveryWayOutOfNestedTries() {
    Front f = Front.of(dir,
        "p/Nested.java",
        """
        package p;

        class Nested {
          void log(String s) {}

          int read(Object o) {
            try {
              try {
                if (o == null) return 1;
                log("body");
              } catch (IllegalStateException e) {
                log("caught");
                return 2;
              } finally {
                log("inner");
              }
            } finally {
              log("outer");
            }
            return 0;
          }
        }
        """);

    assertIr(f, "finallyIsCopiedOntoEveryWayOutOfNestedTries", List.of("p.Nested", "read"),
        """
        == Nested.read
        L0: $t0 = null
        L1: $t1 = o == $t0
        L2: if $t1 goto L4
        L3: goto L11
        L4: $t2 = 1
        L5: $t3 = $t2
        L6: $t11 = "inner"
        L7: invoke virtual this.log($t11) -> Nested.log  ! L37
        L8: $t16 = "outer"
        L9: invoke virtual this.log($t16) -> Nested.log
        L10: return $t3
        L11: $t4 = "body"
        L12: invoke virtual this.log($t4) -> Nested.log  ! L16
        L13: $t12 = "inner"
        L14: invoke virtual this.log($t12) -> Nested.log  ! L37
        L15: goto L34
        L16: $t5 = catch
        L17: $t6 = instanceof java.lang.IllegalStateException($t5)
        L18: if $t6 goto L20
        L19: throw $t5  ! L30
        L20: e = $t5
        L21: $t7 = "caught"
        L22: invoke virtual this.log($t7) -> Nested.log  ! L30
        L23: $t8 = 2
        L24: $t9 = $t8
        L25: $t13 = "inner"
        L26: invoke virtual this.log($t13) -> Nested.log  ! L37
        L27: $t17 = "outer"
        L28: invoke virtual this.log($t17) -> Nested.log
        L29: return $t9
        L30: $t10 = catch
        L31: $t14 = "inner"
        L32: invoke virtual this.log($t14) -> Nested.log  ! L37
        L33: throw $t10  ! L37
        L34: $t18 = "outer"
        L35: invoke virtual this.log($t18) -> Nested.log
        L36: goto L41
        L37: $t15 = catch
        L38: $t19 = "outer"
        L39: invoke virtual this.log($t19) -> Nested.log
        L40: throw $t15
        L41: $t20 = 0
        L42: return $t20
        """);
  }

  /**
   * A {@code catch} of checked exceptions only receives what may throw one: a call whose callee
   * declares {@code throws} or a JDK method that does ({@code Lock.lockInterruptibly}), a
   * {@code throw}; a program method with no {@code throws} clause, a JDK method that declares
   * none ({@code Lock.unlock}) and a field load skip it. A catch of an unchecked type catches
   * everything.
   */
  @Test
  void checkedCatchClausesReceiveOnlyWhatMayThrowACheckedException() {
    Front f = Front.of(dir,
        "p/Checked.java",
        """
        package p;

        import java.io.IOException;
        import java.util.concurrent.locks.Lock;

        class Checked {
          Lock lock;

          void log(String s) {}

          void read() throws IOException {}

          void run() {
            try {
              log("a");
              read();
              lock.lockInterruptibly();
              lock.unlock();
            } catch (IOException | InterruptedException e) {
              log("caught");
            }
          }

          void all() {
            try {
              log("a");
            } catch (IllegalStateException e) {
              log("caught");
            }
          }
        }
        """);

    assertIr(f, "checkedCatchClausesReceiveOnlyWhatMayThrowACheckedException",
        List.of("p.Checked", "run", "p.Checked", "all"),
        """
        == Checked.run
        L0: $t0 = "a"
        L1: invoke virtual this.log($t0) -> Checked.log
        L2: invoke virtual this.read() -> Checked.read  ! L8
        L3: $t1 = this.lock
        L4: invoke interface $t1.lockInterruptibly() lib java.util.concurrent.locks.Lock lockapi acquire this.lock  ! L8
        L5: $t2 = this.lock
        L6: invoke interface $t2.unlock() lib java.util.concurrent.locks.Lock lockapi release this.lock
        L7: goto L17
        L8: $t3 = catch
        L9: $t4 = instanceof java.io.IOException($t3)
        L10: if $t4 goto L14
        L11: $t5 = instanceof java.lang.InterruptedException($t3)
        L12: if $t5 goto L14
        L13: throw $t3
        L14: e = $t3
        L15: $t6 = "caught"
        L16: invoke virtual this.log($t6) -> Checked.log
        L17: return
        == Checked.all
        L0: $t0 = "a"
        L1: invoke virtual this.log($t0) -> Checked.log  ! L3
        L2: goto L10
        L3: $t1 = catch
        L4: $t2 = instanceof java.lang.IllegalStateException($t1)
        L5: if $t2 goto L7
        L6: throw $t1
        L7: e = $t1
        L8: $t3 = "caught"
        L9: invoke virtual this.log($t3) -> Checked.log
        L10: return
        """);
  }

  /**
   * A synchronized block's monitor is exited on the normal way out, on {@code return}, and by a
   * catch-all handler on exceptions; a synchronized method holds {@code this} around its whole
   * body.
   */
  @Test
  void synchronizedExitsTheMonitorOnEveryWayOutIncludingExceptions() {
    Front f = Front.of(dir,
        "p/Monitors.java",
        MONITORS);

    assertIr(f, "synchronizedExitsTheMonitorOnEveryWayOutIncludingExceptions", List.of("p.Monitors", "take"),
        """
        == Monitors.take
        L0: monitorenter this (this)
        L1: $t0 = this.lock
        L2: monitorenter $t0 (this.lock)  ! L19
        L3: $t1 = null
        L4: $t2 = o == $t1
        L5: if $t2 goto L7
        L6: goto L10
        L7: $t3 = new java.lang.IllegalArgumentException
        L8: invoke special $t3.<init>()  ! L16
        L9: throw $t3  ! L16
        L10: invoke virtual this.check(o) -> Monitors.check  ! L16
        L11: $t4 = 1
        L12: $t5 = $t4
        L13: monitorexit $t0 (this.lock)
        L14: monitorexit this (this)
        L15: return $t5
        L16: $t6 = catch
        L17: monitorexit $t0 (this.lock)
        L18: throw $t6  ! L19
        L19: $t7 = catch
        L20: monitorexit this (this)
        L21: throw $t7
        """);
  }

  /** A static synchronized method's monitor is its class object. */
  @Test
  void staticSynchronizedMethodsHoldTheClassObject() {
    Front f = Front.of(dir,
        "p/Statics.java",
        """
        package p;

        class Statics {
          static int n;

          static synchronized int count() {
            return n;
          }
        }
        """);

    assertIr(f, "staticSynchronizedMethodsHoldTheClassObject", List.of("p.Statics", "count"),
        """
        == Statics.count
        L0: $t0 = Statics.class
        L1: monitorenter $t0 (class:p.Statics)
        L2: $t1 = p.Statics.n
        L3: $t2 = $t1
        L4: monitorexit $t0 (class:p.Statics)
        L5: return $t2
        """);
  }

  /**
   * Try-with-resources closes each resource on every way out, the last one first; a resource's
   * {@code close()} is resolved like any call, so a guard's {@code close()} that unlocks has its
   * target.
   */
  @Test
  void resourcesAreClosedInReverseOrderOnEveryWayOut() {
    Front f = Front.of(dir,
        "p/Files.java",
        """
        package p;

        import java.util.concurrent.locks.Lock;

        class Files {
          Lock a;
          Lock b;

          void copy() {
            try (Guard first = Guard.of(a); Guard second = Guard.of(b)) {
              transfer();
            }
          }

          void transfer() {}
        }
        """,
        "p/Guard.java",
        """
        package p;

        import java.util.concurrent.locks.Lock;

        class Guard implements AutoCloseable {
          private final Lock lock;

          Guard(Lock lock) {
            this.lock = lock;
          }

          static Guard of(Lock lock) {
            lock.lock();
            return new Guard(lock);
          }

          @Override
          public void close() {
            lock.unlock();
          }
        }
        """);

    assertIr(f, "resourcesAreClosedInReverseOrderOnEveryWayOut", List.of("p.Files", "copy"),
        """
        == Files.copy
        L0: $t0 = this.a
        L1: $t1 = invoke static p.Guard.of($t0) -> Guard.of
        L2: first = $t1
        L3: $t2 = this.b
        L4: $t3 = invoke static p.Guard.of($t2) -> Guard.of  ! L13
        L5: second = $t3
        L6: invoke virtual this.transfer() -> Files.transfer  ! L10
        L7: invoke virtual implicit second.close() -> Guard.close  ! L13
        L8: invoke virtual implicit first.close() -> Guard.close
        L9: goto L16
        L10: $t4 = catch
        L11: invoke virtual implicit second.close() -> Guard.close  ! L13
        L12: throw $t4  ! L13
        L13: $t5 = catch
        L14: invoke virtual implicit first.close() -> Guard.close
        L15: throw $t5
        L16: return
        """);
  }

  /**
   * Each non-String object operand of a concatenation gets an implicit {@code toString()},
   * resolved against its static type: a program's synchronized {@code toString()} is a target.
   * Strings and primitives get none.
   */
  @Test
  void stringConcatenationCallsToStringOfItsObjectOperands() {
    Front f = Front.of(dir,
        "p/Names.java",
        """
        package p;

        class Names {
          String label;

          String describe(Names other, int k) {
            String s = "name " + other + k;
            s += other;
            return s + label;
          }

          @Override
          public synchronized String toString() {
            return label;
          }
        }
        """);

    assertIr(f, "stringConcatenationCallsToStringOfItsObjectOperands", List.of("p.Names", "describe"),
        """
        == Names.describe
        L0: $t0 = "name "
        L1: $t1 = invoke virtual implicit other.toString() -> Names.toString
        L2: $t2 = $t0 + $t1
        L3: $t3 = $t2 + k
        L4: s = $t3
        L5: $t4 = invoke virtual implicit other.toString() -> Names.toString
        L6: $t5 = s + $t4
        L7: s = $t5
        L8: $t6 = this.label
        L9: $t7 = s + $t6
        L10: return $t7
        """);
  }

  /**
   * An enhanced {@code for} over an {@code Iterable} makes implicit {@code iterator()}, {@code
   * hasNext()} and {@code next()} calls, resolved to the program's implementations; over an
   * array, loads of its elements.
   */
  @Test
  void enhancedForCallsTheIteratorOrLoadsTheArray() {
    Front f = Front.of(dir,
        "p/Shelf.java",
        """
        package p;

        import java.util.Iterator;

        class Shelf implements Iterable<String> {
          @Override
          public Iterator<String> iterator() {
            return null;
          }

          void each(String[] extra) {
            for (String s : this) use(s);
            for (String s : extra) use(s);
          }

          void use(String s) {}
        }
        """);

    assertIr(f, "enhancedForCallsTheIteratorOrLoadsTheArray", List.of("p.Shelf", "each"),
        """
        == Shelf.each
        L0: $t0 = invoke virtual implicit this.iterator() -> Shelf.iterator
        L1: $t1 = invoke interface implicit $t0.hasNext() lib java.util.Iterator
        L2: if $t1 goto L4
        L3: goto L7
        L4: s = invoke interface implicit $t0.next() lib java.util.Iterator
        L5: invoke virtual this.use(s) -> Shelf.use
        L6: goto L1
        L7: $t2 = 0
        L8: $t3 = length(extra)
        L9: $t4 = $t2 < $t3
        L10: if $t4 goto L12
        L11: goto L17
        L12: s = extra[$t2]
        L13: invoke virtual this.use(s) -> Shelf.use
        L14: $t5 = 1
        L15: $t2 = $t2 + $t5
        L16: goto L8
        L17: return
        """);
  }

  /**
   * A lambda passed to a call or assigned to a typed variable becomes a function object of its
   * own method, numbered in that order; a returned lambda is numbered after them.
   */
  @Test
  void lambdasBecomeFunctionObjectsNumberedAsTheyAreBound() {
    Front f = Front.of(dir,
        "p/Tasks.java",
        """
        package p;

        import java.util.List;

        class Tasks {
          final Object lock = new Object();
          Runnable task;

          Runnable make(List<Tasks> all) {
            all.forEach(t -> t.run());
            Runnable later = () -> {
              synchronized (lock) {
                run();
              }
            };
            task = later;
            Runnable self = this::run;
            return () -> self.run();
          }

          void run() {}
        }
        """);

    assertIr(f, "lambdasBecomeFunctionObjectsNumberedAsTheyAreBound", List.of("p.Tasks", "make"),
        """
        == Tasks.make
        L0: $t0 = function [Tasks.make$lambda1]
        L1: invoke interface all.forEach($t0) -> Tasks.make$lambda1 lib java.util.List
        L2: $t1 = function [Tasks.make$lambda2]
        L3: later = $t1
        L4: this.task = later
        L5: $t2 = function [Tasks.run] on this
        L6: self = $t2
        L7: $t3 = function [Tasks.make$lambda3]
        L8: return $t3
        == Tasks.make$lambda1
        L0: invoke virtual t.run() -> Tasks.run
        L1: return
        == Tasks.make$lambda2
        L0: $t0 = this.lock
        L1: monitorenter $t0 (this.lock)
        L2: invoke virtual this.run() -> Tasks.run  ! L5
        L3: monitorexit $t0 (this.lock)
        L4: goto L8
        L5: $t1 = catch
        L6: monitorexit $t0 (this.lock)
        L7: throw $t1
        L8: return
        == Tasks.make$lambda3
        L0: invoke interface self.run() lib java.lang.Runnable
        L1: return
        """);
  }

  /**
   * A field of the enclosing class read by its simple name in an inner or anonymous class is
   * loaded through the enclosing instance, and its monitor is named as the enclosing object's.
   */
  @Test
  void innerAndAnonymousClassesReachTheEnclosingInstance() {
    Front f = Front.of(dir,
        "p/Outer.java",
        """
        package p;

        class Outer {
          final Object lock = new Object();
          int n;

          class Inner {
            void bump() {
              synchronized (lock) {
                n++;
              }
            }
          }

          Runnable task() {
            return new Runnable() {
              @Override
              public void run() {
                synchronized (lock) {
                  n--;
                }
              }
            };
          }
        }
        """);

    assertIr(f, "innerAndAnonymousClassesReachTheEnclosingInstance", List.of("p.Outer.Inner", "bump", "p.Outer$1", "run"),
        """
        == Outer.Inner.bump
        L0: $t1 = this.this$0
        L1: $t0 = $t1.lock
        L2: monitorenter $t0 (outer:p/Outer.lock)
        L3: $t3 = this.this$0
        L4: $t2 = $t3.n
        L5: $t4 = $t2
        L6: $t5 = 1
        L7: $t6 = $t2 + $t5
        L8: $t7 = this.this$0
        L9: $t7.n = $t6
        L10: monitorexit $t0 (outer:p/Outer.lock)
        L11: return
        == Outer$1.run
        L0: $t1 = this.this$0
        L1: $t0 = $t1.lock
        L2: monitorenter $t0 (outer:p/Outer.lock)
        L3: $t3 = this.this$0
        L4: $t2 = $t3.n
        L5: $t4 = $t2
        L6: $t5 = 1
        L7: $t6 = $t2 - $t5
        L8: $t7 = this.this$0
        L9: $t7.n = $t6
        L10: monitorexit $t0 (outer:p/Outer.lock)
        L11: return
        """);
  }

  /**
   * {@code this(..)} runs the other constructor on {@code this}; {@code super(..)}, written or
   * implied, is followed by the field initializers and instance initializer blocks, in order.
   */
  @Test
  void constructorsRunThisOrSuperThenTheInitializers() {
    Front f = Front.of(dir,
        "p/Sub.java",
        """
        package p;

        class Base {
          Base(int k) {}

          Base() {}
        }

        class Sub extends Base {
          final Object lock = new Object();
          int n = 1;

          {
            n = 2;
          }

          Sub() {
            this(3);
          }

          Sub(int k) {
            super(k);
            n = k;
          }

          Sub(String s) {
            n = s.length();
          }
        }
        """);

    assertIr(f, "constructorsRunThisOrSuperThenTheInitializers", List.of("p.Sub", "<init>"),
        """
        == Sub.<init>
        L0: $t0 = 3
        L1: invoke special this.<init>($t0) -> Sub.<init>
        L2: return
        == Sub.<init>
        L0: invoke special this.<init>(k) -> Base.<init>
        L1: $t0 = new java.lang.Object
        L2: invoke special $t0.<init>()
        L3: this.lock = $t0
        L4: $t1 = 1
        L5: this.n = $t1
        L6: $t2 = 2
        L7: this.n = $t2
        L8: this.n = k
        L9: return
        == Sub.<init>
        L0: invoke special implicit this.<init>() -> Base.<init>
        L1: $t0 = new java.lang.Object
        L2: invoke special $t0.<init>()
        L3: this.lock = $t0
        L4: $t1 = 1
        L5: this.n = $t1
        L6: $t2 = 2
        L7: this.n = $t2
        L8: $t3 = invoke virtual s.length() lib java.lang.String
        L9: this.n = $t3
        L10: return
        """);
  }

  /**
   * {@code if (!l.tryLock()) return;} is a jump on the {@code tryLock()} result: the lock is held
   * on the branch where it is true.
   */
  @Test
  void aNegatedTryLockBranchesOnItsResult() {
    Front f = Front.of(dir,
        "p/Try.java",
        """
        package p;

        import java.util.concurrent.locks.ReentrantLock;

        class Try {
          final ReentrantLock lock = new ReentrantLock();
          int n;

          void poll() {
            if (!lock.tryLock()) return;
            try {
              n++;
            } finally {
              lock.unlock();
            }
          }
        }
        """);

    assertIr(f, "aNegatedTryLockBranchesOnItsResult", List.of("p.Try", "poll"),
        """
        == Try.poll
        L0: $t0 = this.lock
        L1: $t1 = invoke virtual $t0.tryLock() lib java.util.concurrent.locks.ReentrantLock lockapi try this.lock
        L2: if $t1 goto L4
        L3: return
        L4: $t2 = this.n
        L5: $t3 = $t2
        L6: $t4 = 1
        L7: $t5 = $t2 + $t4
        L8: this.n = $t5
        L9: $t7 = this.lock
        L10: invoke virtual $t7.unlock() lib java.util.concurrent.locks.ReentrantLock lockapi release this.lock
        L11: return
        """);
  }
  /**
   * The control-flow graph: a call or throw inside a synchronized block has an exceptional edge
   * to the handler that exits the monitor, a statement outside any region has none.
   */
  @Test
  void callsAndThrowsInARegionHaveExceptionalEdgesToItsHandler() {
    Front f = Front.of(dir,
        "p/Monitors.java",
        MONITORS);
    Cfg cfg = f.lower(f.methods("p.Monitors", "take").get(0)).get(0).ir().cfg();

    // L10 `check(o)` and L9 `throw` go to L16, the inner monitor's handler; L2, the inner
    // monitor's entry, to L19, the method's.
    assertThat(cfg.succs(10)).containsExactly(11, 16);
    assertThat(cfg.isExceptional(10, 16)).isTrue();
    assertThat(cfg.isExceptional(10, 11)).isFalse();
    assertThat(cfg.succs(9)).containsExactly(16);
    assertThat(cfg.preds(16)).containsExactlyInAnyOrder(8, 9, 10);
    assertThat(cfg.succs(2)).containsExactly(3, 19);
    assertThat(cfg.succs(0)).containsExactly(1);
    assertThat(cfg.isTrueBranch(5, 7)).isTrue();
    assertThat(cfg.isTrueBranch(5, 6)).isFalse();
  }

  /** The IR of the methods named by {@code spec} (type, name, type, name, ...). */
  private static void assertIr(Front f, String test, List<String> spec, String expected) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < spec.size(); i += 2) {
      for (var m : f.methods(spec.get(i), spec.get(i + 1))) {
        for (Lowering.Lowered l : f.lower(m)) {
          out.append("== ").append(l.ir().method().display()).append('\n');
          out.append(IrPrinter.print(l.ir()));
        }
      }
    }
    assertThat(out.toString()).as(test).isEqualTo(expected);
  }
}
