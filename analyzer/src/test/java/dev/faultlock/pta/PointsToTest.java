package dev.faultlock.pta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The points-to analysis on small programs, one construct per test; sets by allocation site. */
class PointsToTest {
  @TempDir Path dir;

  @Test
  void twoObjectsOfOneClassKeepTheirFieldsApart() {
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Box a = new Box();
            Box b = new Box();
            a.v = new Object();
            b.v = new StringBuffer();
            Object x = a.v;
            Object y = b.v;
          }
        }

        class Box {
          Object v;
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    assertThat(pta.pointsTo("p.Main", "main", "x"))
        .containsExactly(pta.site("p/Main.java", "Object", "new Object()"));
    assertThat(pta.pointsTo("p.Main", "main", "y"))
        .containsExactly(pta.site("p/Main.java", "StringBuffer", "new StringBuffer()"));
  }

  @Test
  void anObjectStoredIntoItsOwnFieldIsOnlyItsOwn() {
    // Throwable's `cause = this` runs in every constructor, whose `this` is every exception.
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Failure a = new Failure();
            Failure b = new Failure();
            Failure c = new Failure(a);
            Failure x = b.cause;
            Failure y = c.cause;
          }
        }

        class Failure {
          Failure cause = this;
          Failure() {}
          Failure(Failure cause) { this.cause = cause; }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    assertThat(pta.pointsTo("p.Main", "main", "x"))
        .containsExactly(pta.site("p/Main.java", "Failure", "new Failure()", 2));
    assertThat(pta.pointsTo("p.Main", "main", "y")).containsExactlyInAnyOrder(
        pta.site("p/Main.java", "Failure", "new Failure()", 1),
        pta.site("p/Main.java", "Failure", "new Failure(a)"));
  }

  @Test
  void stringsBuildersPrimitiveArraysAndExceptionsAreOneObjectPerType() {
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Object a = new StringBuilder();
            Object b = new StringBuilder("x");
            Object c = new byte[1];
            Object d = new byte[2];
            Object e = new IllegalStateException();
            Object f = new IllegalStateException("y");
            Object g = new Failure();
            Object h = new StringBuffer();
            Object i = new StringBuffer();
            Object j = new Object();
            Object k = new Object();
            Object all = args.length > 0 ? a : args.length > 1 ? b : args.length > 2 ? c : d;
            Object thrown = args.length > 0 ? e : args.length > 1 ? f : g;
            Object buffers = args.length > 0 ? h : i;
            Object objects = args.length > 0 ? j : k;
          }
        }

        class Failure extends IllegalStateException {}
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    assertThat(pta.pointsTo("p.Main", "main", "all")).containsExactlyInAnyOrder("every StringBuilder", "every byte[]");
    assertThat(pta.pointsTo("p.Main", "main", "thrown"))
        .containsExactlyInAnyOrder("every IllegalStateException", "every Failure");
    // A StringBuffer locks itself: its objects stay apart, as every other class's do.
    assertThat(pta.pointsTo("p.Main", "main", "buffers")).containsExactlyInAnyOrder(
        pta.site("p/Main.java", "StringBuffer", "new StringBuffer()", 1),
        pta.site("p/Main.java", "StringBuffer", "new StringBuffer()", 2));
    assertThat(pta.pointsTo("p.Main", "main", "objects")).hasSize(2);
  }

  @Test
  void aMethodReturningItsReceiverGivesEachCallTheObjectItCalledOn() {
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Builder a = new Builder();
            Builder b = new Builder();
            Builder x = a.add(args).add(args);
            Builder y = b.add(args);
            Builder z = a.copyOrSelf(args.length);
          }
        }

        class Builder {
          Builder add(Object o) { return this; }
          Builder copyOrSelf(int n) {
            if (n > 0) return this;
            return new Builder();
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    assertThat(pta.pointsTo("p.Main", "main", "x")).containsExactly(pta.site("p/Main.java", "Builder", "new Builder()", 1));
    assertThat(pta.pointsTo("p.Main", "main", "y")).containsExactly(pta.site("p/Main.java", "Builder", "new Builder()", 2));
    assertThat(pta.pointsTo("p.Main", "main", "z")).containsExactlyInAnyOrder(
        pta.site("p/Main.java", "Builder", "new Builder()", 1), pta.site("p/Main.java", "Builder", "new Builder()", 3));
  }

  @Test
  void localClassesAndReturnedLambdasHaveTheirTypes() {
    // An object of no type passes every cast and every declared type.
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            class Local {}
            Object l = new Local();
            Object t = task();
            Object all = args.length > 0 ? l : t;
            Local local = (Local) all;
            Runnable runnable = (Runnable) all;
            Comparable<?> neither = (Comparable<?>) all;
          }

          static Runnable task() {
            return () -> {};
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    assertThat(pta.pointsTo("p.Main", "main", "all")).hasSize(2);
    assertThat(pta.pointsTo("p.Main", "main", "local")).containsExactly("new Main$1Local@Main.java:6");
    assertThat(pta.pointsTo("p.Main", "main", "runnable")).singleElement().asString().startsWith("function Runnable");
    assertThat(pta.pointsTo("p.Main", "main", "neither")).isEmpty();
  }

  @Test
  void aConstructorStoresEachCallsArgumentIntoTheObjectThatCallMakes() {
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Object a = new Object();
            Object b = new Object();
            Worker w1 = new Worker(a);
            Worker w2 = new Worker(b);
            Worker w3 = new Special(a);
            java.util.function.Function<Object, Worker> make = Worker::new;
            Worker w4 = make.apply(b);
            Wrapping w5 = new Wrapping(a);
            Wrapping w6 = new Wrapping(b);
            Object x1 = w1.lock;
            Object x2 = w2.lock;
            Object x3 = w3.lock;
            Object x4 = w4.lock;
            Object x5 = w5.lock;
          }
        }

        class Worker {
          final Object lock;
          Worker(Object lock) { this.lock = lock; }
        }

        class Special extends Worker {
          Special(Object l) { super(l); }
        }

        class Wrapping {
          Object lock;
          Wrapping(Object lock) {
            if (lock == null) lock = new Object();
            this.lock = lock;
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);
    String a = pta.site("p/Main.java", "Object", "new Object()", 1);
    String b = pta.site("p/Main.java", "Object", "new Object()", 2);

    assertThat(pta.pointsTo("p.Main", "main", "x1")).containsExactly(a);
    assertThat(pta.pointsTo("p.Main", "main", "x2")).containsExactly(b);
    assertThat(pta.pointsTo("p.Main", "main", "x3")).containsExactly(a);
    assertThat(pta.pointsTo("p.Main", "main", "x4")).containsExactly(b);
    // A parameter the constructor assigns is stored as the solver's field rule has it: merged.
    assertThat(pta.pointsTo("p.Main", "main", "x5")).contains(a, b).hasSize(3);
  }

  @Test
  void arrayElementsFlowThroughTheArrayObject() {
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Object[] locks = new Object[2];
            Object[] other = new Object[2];
            locks[0] = new Object();
            other[1] = new StringBuffer();
            Object x = locks[1];
            Object[] init = { new Thread() };
            Object t = init[0];
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    assertThat(pta.pointsTo("p.Main", "main", "x"))
        .containsExactly(pta.site("p/Main.java", "Object", "new Object()"));
    assertThat(pta.pointsTo("p.Main", "main", "t"))
        .containsExactly(pta.site("p/Main.java", "Thread", "new Thread()"));
  }

  @Test
  void anArrayHoldsOnlyWhatItsElementTypeAdmits() {
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Object[] names = new CharSequence[1];
            names[0] = new StringBuffer();
            names[0] = new Object();
            Object got = names[0];
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    // Storing an Object into a CharSequence[] throws ArrayStoreException: it is never there.
    assertThat(pta.pointsTo("p.Main", "main", "got"))
        .containsExactly(pta.site("p/Main.java", "StringBuffer", "new StringBuffer()"));
  }

  @Test
  void staticFieldsAreOnePointerEach() {
    String src = """
        package p;

        public class Main {
          static Object lock;
          static Object other;
          static final Object INITIALISED = new Object();

          public static void main(String[] args) {
            lock = new Object();
            other = new StringBuffer();
            Object x = lock;
            Object y = INITIALISED;
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    assertThat(pta.pointsTo("p.Main", "main", "x"))
        .containsExactly(pta.site("p/Main.java", "Object", "new Object();\n    other"));
    // A static initializer is not lowered: the field is one symbolic object of its own.
    assertThat(pta.pointsTo("p.Main", "main", "y")).containsExactly("?Object(Main.INITIALISED)");
  }

  @Test
  void castsLetThroughOnlyObjectsOfTheirType() {
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Object o = args.length > 0 ? new Object() : new StringBuffer();
            StringBuffer b = (StringBuffer) o;
            if (o instanceof CharSequence c) {
              Object seen = c;
            }
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    String builder = pta.site("p/Main.java", "StringBuffer", "new StringBuffer()");
    assertThat(pta.pointsTo("p.Main", "main", "o"))
        .containsExactlyInAnyOrder(pta.site("p/Main.java", "Object", "new Object()"), builder);
    assertThat(pta.pointsTo("p.Main", "main", "b")).containsExactly(builder);
    assertThat(pta.pointsTo("p.Main", "main", "seen")).containsExactly(builder);
  }

  @Test
  void aVariableHoldsOnlyObjectsItsDeclaredTypeAdmits() {
    String src = """
        package p;

        public class Main {
          static <T> T same(T x) {
            return x;
          }

          public static void main(String[] args) {
            StringBuffer b = same(new StringBuffer());
            Thread t = same(new Thread());
            Object both = same(b);
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    // Context-insensitive, `same` returns both; the declared types keep them apart again.
    String builder = pta.site("p/Main.java", "StringBuffer", "new StringBuffer()");
    String thread = pta.site("p/Main.java", "Thread", "new Thread()");
    assertThat(pta.pointsTo("p.Main", "same", "x")).containsExactlyInAnyOrder(builder, thread);
    assertThat(pta.pointsTo("p.Main", "main", "b")).containsExactly(builder);
    assertThat(pta.pointsTo("p.Main", "main", "t")).containsExactly(thread);
    assertThat(pta.pointsTo("p.Main", "main", "both")).containsExactlyInAnyOrder(builder, thread);
  }

  @Test
  void aCallOnAnInterfaceReachesOnlyTheImplementationThatFlowsThere() {
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Worker w = new Fast();
            w.work(new Object());
          }
        }

        interface Worker {
          void work(Object o);
        }

        class Fast implements Worker {
          public void work(Object o) {
            Object got = o;
          }
        }

        class Slow implements Worker {
          public void work(Object o) {
            Object got = o;
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    assertThat(pta.callees("p.Main", "main", "work")).containsExactly("Fast.work");
    assertThat(pta.fellBack("p.Main", "main", "work")).isFalse();
    assertThat(pta.pointsTo("p.Fast", "work", "got"))
        .containsExactly(pta.site("p/Main.java", "Object", "new Object()"));
    assertThat(pta.result.isReachable(pta.method("p.Slow", "work").method())).isFalse();
  }

  @Test
  void aSymbolicReceiverFallsBackToClassHierarchyDispatch() {
    String src = """
        package p;

        public class Api {
          public void call(Worker w) {
            w.work();
          }
        }

        interface Worker {
          void work();
        }

        class Fast implements Worker {
          public void work() {}
        }

        class Slow implements Worker {
          public void work() {}
        }
        """;
    Pta pta = Pta.of(dir, "p/Api.java", src);

    assertThat(pta.pointsTo("p.Api", "call", "w")).containsExactly("?Worker(entry)");
    assertThat(pta.callees("p.Api", "call", "work")).containsExactly("Fast.work", "Slow.work");
    assertThat(pta.fellBack("p.Api", "call", "work")).isTrue();
  }

  @Test
  void theFallbackRunsOnlyTargetsOfTheSymbolicTypeAndPassesEntryPointsOnlyProgramObjects() {
    Pta pta = Pta.of(dir, "p/Api.java", """
        package p;

        public class Api {
          public void call(Worker w, StringBuffer arg) {
            w.work(arg);
            w.work(new Object());
          }

          public void fast(Fast f) {
            Worker w = f;
            w.work(null);
          }
        }

        interface Worker {
          void work(Object x);
        }

        class Slow implements Worker {
          public void work(Object x) {
            Object seen = x;
          }
        }
        """, "p/Fast.java", """
        package p;

        public class Fast implements Worker {
          public void work(Object x) {
            Object seen = x;
          }
        }
        """);

    String made = pta.site("p/Api.java", "Object", "new Object()");
    assertThat(pta.callees("p.Api", "call", "work")).containsExactly("Fast.work", "Slow.work");
    assertThat(pta.callees("p.Api", "fast", "work")).containsExactly("Fast.work");
    // Slow.work is no entry point: it runs on the caller's objects, symbolic ones included.
    assertThat(pta.pointsTo("p.Slow", "work", "seen")).containsExactlyInAnyOrder("?StringBuffer(entry)", made);
    assertThat(pta.pointsTo("p.Slow", "work", "this")).containsExactly("?Worker(entry)");
    // Fast.work is one, with symbolic objects of its own: only what the program made comes in.
    assertThat(pta.pointsTo("p.Fast", "work", "seen")).containsExactlyInAnyOrder("?Object(entry)", made);
    assertThat(pta.pointsTo("p.Fast", "work", "this")).containsExactly("?Fast(entry)");
  }

  @Test
  void entryPointParametersAndReceiversAreOneSymbolicObjectPerDeclaredType() {
    String src = """
        package p;

        import java.util.concurrent.locks.Lock;

        public class Api {
          private Lock held;

          public Api(Lock lock) {
            this.held = lock;
          }

          public void take(Lock other) {
            Lock mine = held;
            Lock theirs = other;
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Api.java", src);

    assertThat(pta.pointsTo("p.Api", "take", "this")).containsExactly("?Api(entry)");
    assertThat(pta.pointsTo("p.Api", "take", "theirs")).containsExactly("?Lock(entry)");
    // The constructor ran on the same symbolic receiver: what it stored is seen.
    assertThat(pta.pointsTo("p.Api", "take", "mine")).containsExactly("?Lock(entry)");
  }

  @Test
  void libraryResultsAreSymbolicPerLibraryMethod() {
    String src = """
        package p;

        import java.util.concurrent.locks.Lock;
        import java.util.concurrent.locks.ReentrantReadWriteLock;

        public class Main {
          public static void main(String[] args) {
            ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
            Lock r = rw.readLock();
            Lock w = rw.writeLock();
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    assertThat(pta.pointsTo("p.Main", "main", "r")).hasSize(1).allMatch(s -> s.contains("readLock()"));
    assertThat(pta.pointsTo("p.Main", "main", "w")).hasSize(1).allMatch(s -> s.contains("writeLock()"));
  }

  @Test
  void constructorChainsPassTheirArgumentsThroughThisAndSuper() {
    String src = """
        package p;

        public class Main {
          public static void main(String[] args) {
            Holder h = new Holder();
            Object x = h.lock;
            Sub s = new Sub();
            Object y = s.lock;
          }
        }

        class Holder {
          final Object lock;

          Holder() {
            this(new Object());
          }

          Holder(Object lock) {
            this.lock = lock;
          }
        }

        class Sub extends Holder {
          Sub() {
            super(new StringBuffer());
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    // Both constructions run Holder(Object), whose store is bound per call: they stay apart.
    assertThat(pta.pointsTo("p.Main", "main", "x")).containsExactly(pta.site("p/Main.java", "Object", "new Object()"));
    assertThat(pta.pointsTo("p.Main", "main", "y"))
        .containsExactly(pta.site("p/Main.java", "StringBuffer", "new StringBuffer()"));
  }

  @Test
  void lambdasRunTheirBodyAndSeeWhatTheyCapture() {
    String src = """
        package p;

        import java.util.function.Supplier;

        public class Main {
          Object mine = new Object();

          public static void main(String[] args) {
            Object shared = new StringBuffer();
            Runnable r = () -> {
              Object seen = shared;
            };
            r.run();
            Supplier<Object> s = () -> new Thread();
            Object made = s.get();
          }

          public void bound() {
            Supplier<Object> get = this::mine;
            Object m = get.get();
          }

          Object mine() {
            return mine;
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    assertThat(pta.callees("p.Main", "main", "run")).containsExactly("Main.main$lambda1");
    assertThat(pta.pointsTo("p.Main", "main$lambda1", "seen"))
        .containsExactly(pta.site("p/Main.java", "StringBuffer", "new StringBuffer()"));
    assertThat(pta.pointsTo("p.Main", "main", "made"))
        .containsExactly(pta.site("p/Main.java", "Thread", "new Thread()"));
    assertThat(pta.callees("p.Main", "bound", "get")).containsExactly("Main.mine");
    assertThat(pta.pointsTo("p.Main", "bound", "m")).contains("?Object(Main.mine)");
  }

  @Test
  void innerAndAnonymousClassesReachTheirEnclosingInstance() {
    String src = """
        package p;

        public class Main {
          private Object lock;

          public static void main(String[] args) {
            Main m = new Main();
            m.lock = new Object();
            m.start();
          }

          void start() {
            Inner i = new Inner();
            Object viaInner = i.get();
            Runnable r = new Runnable() {
              public void run() {
                Object viaAnonymous = lock;
              }
            };
            r.run();
          }

          class Inner {
            Object get() {
              return lock;
            }
          }
        }
        """;
    Pta pta = Pta.of(dir, "p/Main.java", src);

    String lock = pta.site("p/Main.java", "Object", "new Object()");
    assertThat(pta.pointsTo("p.Main", "start", "viaInner")).containsExactly(lock);
    assertThat(pta.callees("p.Main", "start", "run")).containsExactly("Main$1.run");
    assertThat(pta.pointsTo("p.Main$1", "run", "viaAnonymous")).containsExactly(lock);
  }
}
