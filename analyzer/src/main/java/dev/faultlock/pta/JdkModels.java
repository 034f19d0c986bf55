package dev.faultlock.pta;

import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hand-written summaries of the JDK code objects flow through, all in one place (each has a
 * test in {@code JdkModelsTest}). A container keeps what it holds in abstract fields of its
 * object: a collection's elements, a map's keys and values, an {@code Optional}'s, an {@code
 * AtomicReference}'s or a {@code ThreadLocal}'s value, a thread's task. Views and iterators are
 * objects made at the call ({@link Obj.Kind#MODEL}) that read the same contents. Tasks handed
 * to a thread, an executor or {@code CompletableFuture.*Async} run in another thread: they are
 * thread entries ({@link PointsToResult#threadEntries()}), not callees of the call.
 *
 * <p>A model applies by the call's declared library type and name; a call it does not know is
 * an unmodelled library call ({@link Calls}). It applies as well when the JDK's own sources are
 * part of the program (java.base): a call that would run a modelled method of a JDK class runs
 * the model instead of the body ({@link #replaces}). The bodies store the contents in {@code
 * Object}-typed fields and arrays the declared-type filter cannot cut, so analysed
 * context-insensitively they tie every value put into any map to every {@code get}; the model
 * keeps them per container object, as it does for library callers.
 *
 * <p>One class of over 400 lines on purpose: what a method's model does ({@link #onReceiver})
 * and whether a model knows that method ({@link #knows}) must stay side by side, or a method
 * the model does not store for would skip its body and lose what it stores.
 */
final class JdkModels {
  private enum Kind { COLLECTION, MAP, ITERATOR, ENTRY, OPTIONAL, REFERENCE, THREAD, EXECUTOR, FUTURE }

  private static final Map<String, Kind> ROOTS = Map.ofEntries(
      Map.entry("java.lang.Iterable", Kind.COLLECTION),
      Map.entry("java.util.stream.BaseStream", Kind.COLLECTION),
      Map.entry("java.util.Map", Kind.MAP),
      Map.entry("java.util.Iterator", Kind.ITERATOR),
      Map.entry("java.util.Enumeration", Kind.ITERATOR),
      Map.entry("java.util.Map.Entry", Kind.ENTRY),
      Map.entry("java.util.Optional", Kind.OPTIONAL),
      Map.entry("java.util.concurrent.atomic.AtomicReference", Kind.REFERENCE),
      Map.entry("java.lang.ThreadLocal", Kind.REFERENCE),
      Map.entry("java.lang.Thread", Kind.THREAD),
      Map.entry("java.util.concurrent.Executor", Kind.EXECUTOR),
      Map.entry("java.util.concurrent.CompletableFuture", Kind.FUTURE));

  private static final Set<String> ADD = Set.of("add", "addFirst", "addLast", "offer", "offerFirst",
      "offerLast", "push", "put", "addElement", "set");
  private static final Set<String> GET = Set.of("get", "getFirst", "getLast", "peek", "poll", "pop",
      "remove", "element", "take", "first", "last", "pollFirst", "pollLast", "peekFirst", "peekLast",
      "removeFirst", "removeLast", "floor", "ceiling", "higher", "lower", "elementAt", "firstElement",
      "lastElement", "set", "orElseThrow", "getPlain", "getAcquire", "getOpaque", "getAndSet");
  private static final Set<String> VIEW = Set.of("iterator", "listIterator", "descendingIterator",
      "stream", "parallelStream", "subList", "headSet", "tailSet", "subSet", "descendingSet",
      "reversed", "elements", "spliterator", "filter", "sorted", "distinct", "limit", "skip",
      "findFirst", "findAny", "min", "max", "toList", "unordered", "sequential", "parallel");
  private static final Set<String> STORE = Set.of("set", "lazySet", "setPlain", "setRelease",
      "setOpaque", "getAndSet");
  private static final Set<String> RUN = Set.of("execute", "submit", "schedule",
      "scheduleAtFixedRate", "scheduleWithFixedDelay", "invoke");
  private static final Set<String> WRAP = Set.of("synchronizedCollection", "synchronizedList",
      "synchronizedSet", "synchronizedSortedSet", "synchronizedNavigableSet", "synchronizedMap",
      "synchronizedSortedMap", "synchronizedNavigableMap", "unmodifiableCollection",
      "unmodifiableList", "unmodifiableSet", "unmodifiableSortedSet", "unmodifiableNavigableSet",
      "unmodifiableMap", "unmodifiableSortedMap", "unmodifiableNavigableMap", "checkedList",
      "checkedSet", "checkedMap", "checkedCollection", "requireNonNull", "requireNonNullElse");

  private final Solver solver;
  private final Map<String, Kind> kinds = new HashMap<>();
  private final int elements;
  private final int keys;
  private final int values;
  private final int target;

  JdkModels(Solver solver) {
    this.solver = solver;
    this.elements = solver.pointers.field("$model", "elements");
    this.keys = solver.pointers.field("$model", "keys");
    this.values = solver.pointers.field("$model", "values");
    this.target = solver.pointers.field("$model", "task");
  }

  /** The model of the call's declared library type, or {@code null}. */
  private Kind kind(Stmt.Invoke call) {
    String type = call.site().libraryType() != null ? call.site().libraryType() : call.site().receiverType();
    return type == null ? null : kind(type);
  }

  private Kind kind(String type) {
    return kinds.computeIfAbsent(type, t -> {
      for (Map.Entry<String, Kind> e : ROOTS.entrySet()) {
        if (solver.index.isSubtype(t, e.getKey())) return e.getValue();
      }
      return null;
    });
  }

  /**
   * Whether a model takes the arguments of {@code call} in hand, so that function objects
   * passed to it are not run as unmodelled library callbacks.
   */
  boolean handles(Stmt.Invoke call) {
    return kind(call) != null || isStaticModel(call.site().libraryType(), call);
  }

  /**
   * Whether instance call {@code call}, about to run program method {@code target} (a JDK
   * class's own code, as in java.base), runs the model instead ({@link #onReceiver}): {@code
   * target} is declared by a modelled JDK type, the call's declared type has the same model,
   * and the model says what that method does (a method it does not know runs its body).
   */
  boolean replaces(MethodInfo target, Stmt.Invoke call) {
    if (!isJdk(target)) return false;
    Kind k = kind(call);
    return k != null && k == kind(target.owner().fqn()) && knows(k, call);
  }

  /** Whether static call {@code call} of JDK program method {@code target} runs the model instead ({@link #onStatic}). */
  boolean replacesStatic(MethodInfo target, Stmt.Invoke call) {
    return isJdk(target) && isStaticModel(target.owner().fqn(), call);
  }

  private static boolean isJdk(MethodInfo m) {
    return m.owner().fqn().startsWith("java.");
  }

  /** Whether the model of {@code kind} says what {@code call} does (not only that it is harmless). */
  private static boolean knows(Kind kind, Stmt.Invoke call) {
    String n = call.site().name();
    if ("<init>".equals(n)) {
      // A constructor of primitives (capacities) only sets up the object: its body may run.
      boolean any = false;
      for (Var a : call.args()) any |= Solver.concerned(a);
      return any && kind != Kind.ITERATOR && kind != Kind.ENTRY && kind != Kind.OPTIONAL;
    }
    return switch (kind) {
      case COLLECTION -> ADD.contains(n) || GET.contains(n) || VIEW.contains(n) || COLLECTION_CALLS.contains(n);
      case MAP -> MAP_CALLS.contains(n);
      case ITERATOR -> ITERATOR_CALLS.contains(n);
      case ENTRY -> ENTRY_CALLS.contains(n);
      case OPTIONAL -> OPTIONAL_CALLS.contains(n);
      case REFERENCE -> GET.contains(n) || STORE.contains(n) || REFERENCE_UPDATES.contains(n)
          || n.startsWith("compareAndSet") || n.startsWith("weakCompareAndSet") || n.startsWith("compareAndExchange");
      case THREAD -> n.equals("start");
      case EXECUTOR -> RUN.contains(n) || n.equals("invokeAll") || n.equals("invokeAny");
      case FUTURE -> n.endsWith("Async") && !call.args().isEmpty();
    };
  }

  private static final Set<String> COLLECTION_CALLS = Set.of("addAll", "toArray", "forEach",
      "forEachOrdered", "removeIf", "map", "flatMap");
  private static final Set<String> MAP_CALLS = Set.of("put", "putIfAbsent", "replace", "get",
      "remove", "getOrDefault", "firstKey", "lastKey", "ceilingKey", "floorKey", "higherKey",
      "lowerKey", "keySet", "navigableKeySet", "descendingKeySet", "values", "entrySet",
      "computeIfAbsent", "compute", "computeIfPresent", "merge", "putAll", "forEach");
  private static final Set<String> ITERATOR_CALLS = Set.of("next", "previous", "nextElement", "forEachRemaining");
  private static final Set<String> ENTRY_CALLS = Set.of("getKey", "getValue", "setValue");
  private static final Set<String> OPTIONAL_CALLS = Set.of("get", "orElseThrow", "orElse",
      "orElseGet", "ifPresent", "ifPresentOrElse", "map", "flatMap", "filter", "or", "stream");
  private static final Set<String> REFERENCE_UPDATES = Set.of("updateAndGet", "getAndUpdate",
      "accumulateAndGet", "getAndAccumulate");

  /** Whether the static method {@code name} of JDK type {@code t} is modelled. */
  private static boolean isStaticModel(String t, Stmt.Invoke call) {
    String n = call.site().name();
    if (t == null) return false;
    return switch (t) {
      case "java.util.Optional" -> n.equals("of") || n.equals("ofNullable");
      case "java.util.List", "java.util.Set", "java.util.stream.Stream" -> n.equals("of");
      case "java.util.Arrays" -> n.equals("asList");
      case "java.util.Collections" -> WRAP.contains(n) || n.startsWith("singleton");
      case "java.util.Objects" -> WRAP.contains(n);
      case "java.lang.ThreadLocal" -> n.equals("withInitial");
      case "java.util.concurrent.CompletableFuture" -> n.equals("runAsync") || n.equals("supplyAsync");
      default -> false;
    };
  }

  /** A library call on receiver object {@code o} (a constructor's too); whether a model knew it. */
  boolean onReceiver(MethodState s, int i, Stmt.Invoke call, Obj o) {
    Kind kind = kind(call);
    if (kind == null) return false;
    String name = call.site().name();
    List<Var> args = call.args();
    int argc = args.size();
    switch (kind) {
      case COLLECTION -> {
        if ("<init>".equals(name)) {
          if (argc == 1) copyContents(s, args.get(0), o);
        } else if (ADD.contains(name) && argc > 0) {
          store(s, args.get(argc - 1), o, elements);
        } else if (name.equals("addAll") && argc > 0) {
          copyContents(s, args.get(argc - 1), o);
        } else if (name.equals("toArray")) {
          view(s, i, call, o, elements, Pointers.ELEMENT);
        } else if (name.equals("forEach") || name.equals("forEachOrdered") || name.equals("removeIf")) {
          runEach(s, i, args, field(o, elements), -1);
        } else if (name.equals("map") || name.equals("flatMap")) {
          Obj v = viewObject(s, i, call);
          if (v != null) runEach(s, i, args, field(o, elements), field(v, elements));
        } else if (VIEW.contains(name)) {
          view(s, i, call, o, elements, elements);
        }
        if (GET.contains(name)) load(s, call, o, elements);
      }
      case MAP -> map(s, i, call, o);
      case ITERATOR -> {
        if (name.equals("next") || name.equals("previous") || name.equals("nextElement")) load(s, call, o, elements);
        else if (name.equals("forEachRemaining")) runEach(s, i, args, field(o, elements), -1);
      }
      case ENTRY -> {
        if (name.equals("getKey")) load(s, call, o, keys);
        else if (name.equals("getValue")) load(s, call, o, values);
        else if (name.equals("setValue") && argc == 1) {
          load(s, call, o, values);
          store(s, args.get(0), o, values);
        }
      }
      case OPTIONAL -> optional(s, i, call, o);
      case REFERENCE -> reference(s, i, call, o);
      case THREAD -> {
        if ("<init>".equals(name)) {
          for (Var a : args) if (isTask(a)) store(s, a, o, target);
        } else if (name.equals("start")) {
          start(s, i, o);
          solver.watch(field(o, target), t -> start(s, i, solver.heap.get(t)));
        }
      }
      case EXECUTOR -> {
        if (RUN.contains(name) && argc > 0) watchTasks(s, i, args.get(0));
        else if (name.equals("invokeAll") || name.equals("invokeAny")) {
          if (argc > 0 && Solver.concerned(args.get(0))) {
            solver.watch(s.pointer(args.get(0)), c -> solver.watch(field(c, elements), t -> start(s, i, solver.heap.get(t))));
          }
        }
      }
      case FUTURE -> {
        if (name.endsWith("Async") && argc > 0) watchTasks(s, i, args.get(0));
        else return false;
      }
    }
    return true;
  }

  private void map(MethodState s, int i, Stmt.Invoke call, Obj o) {
    String name = call.site().name();
    List<Var> args = call.args();
    int argc = args.size();
    switch (name) {
      case "put", "putIfAbsent", "replace" -> {
        if (argc < 2) return;
        store(s, args.get(0), o, keys);
        store(s, args.get(argc - 1), o, values);
        load(s, call, o, values);
      }
      case "get", "remove", "getOrDefault", "firstKey", "lastKey", "ceilingKey", "floorKey",
          "higherKey", "lowerKey" -> {
        load(s, call, o, name.endsWith("Key") ? keys : values);
        if (name.equals("getOrDefault") && argc == 2 && Solver.concerned(call.result())) {
          solver.addEdge(s.pointer(args.get(1)), s.pointer(call.result()));
        }
      }
      case "keySet", "navigableKeySet", "descendingKeySet" -> view(s, i, call, o, keys, elements);
      case "values" -> view(s, i, call, o, values, elements);
      case "entrySet" -> {
        Obj set = viewObject(s, i, call);
        if (set == null) return;
        Obj entry = solver.heap.model(s.ir.method(), i, "Map.Entry", "java.util.Map.Entry", call.line());
        solver.addObject(field(set, elements), entry);
        solver.addEdge(field(o, keys), field(entry, keys));
        solver.addEdge(field(o, values), field(entry, values));
      }
      case "computeIfAbsent" -> {
        if (argc < 2) return;
        store(s, args.get(0), o, keys);
        run(s, i, args.get(1), new int[] {s.pointer(args.get(0))}, field(o, values));
        load(s, call, o, values);
      }
      case "compute", "computeIfPresent", "merge" -> {
        if (argc < 2) return;
        store(s, args.get(0), o, keys);
        if (name.equals("merge") && argc == 3) store(s, args.get(1), o, values);
        run(s, i, args.get(argc - 1), new int[] {s.pointer(args.get(0)), field(o, values)}, field(o, values));
        load(s, call, o, values);
      }
      case "putAll", "<init>" -> {
        if (argc != 1 || !Solver.concerned(args.get(0))) return;
        solver.watch(s.pointer(args.get(0)), m -> {
          solver.addEdge(field(m, keys), field(o, keys));
          solver.addEdge(field(m, values), field(o, values));
        });
      }
      case "forEach" -> {
        if (argc == 1) run(s, i, args.get(0), new int[] {field(o, keys), field(o, values)}, -1);
      }
      default -> {}
    }
  }

  private void optional(MethodState s, int i, Stmt.Invoke call, Obj o) {
    String name = call.site().name();
    List<Var> args = call.args();
    switch (name) {
      case "get", "orElseThrow" -> load(s, call, o, elements);
      case "orElse" -> {
        load(s, call, o, elements);
        if (args.size() == 1 && Solver.concerned(call.result())) solver.addEdge(s.pointer(args.get(0)), s.pointer(call.result()));
      }
      case "orElseGet" -> {
        load(s, call, o, elements);
        if (args.size() == 1 && Solver.concerned(call.result())) run(s, i, args.get(0), Calls.NO_ARGUMENTS, s.pointer(call.result()));
      }
      case "ifPresent", "ifPresentOrElse" -> runEach(s, i, args.subList(0, Math.min(1, args.size())), field(o, elements), -1);
      case "map", "flatMap" -> {
        Obj v = viewObject(s, i, call);
        if (v != null) runEach(s, i, args, field(o, elements), field(v, elements));
      }
      case "filter", "or", "stream" -> view(s, i, call, o, elements, elements);
      default -> {}
    }
  }

  private void reference(MethodState s, int i, Stmt.Invoke call, Obj o) {
    String name = call.site().name();
    List<Var> args = call.args();
    int argc = args.size();
    if (name.equals("<init>") && argc == 1) store(s, args.get(0), o, elements);
    if (GET.contains(name)) load(s, call, o, elements);
    if (STORE.contains(name) && argc == 1) store(s, args.get(0), o, elements);
    if (name.startsWith("compareAndSet") || name.startsWith("weakCompareAndSet") || name.startsWith("compareAndExchange")) {
      if (argc == 2) store(s, args.get(1), o, elements);
    }
    if (name.equals("updateAndGet") || name.equals("getAndUpdate") || name.equals("accumulateAndGet")
        || name.equals("getAndAccumulate")) {
      int[] in = argc == 1 ? new int[] {field(o, elements)} : new int[] {field(o, elements), s.pointer(args.get(0))};
      run(s, i, args.get(argc - 1), in, field(o, elements));
      load(s, call, o, elements);
    }
  }

  /** A static library call; whether a model knew it. */
  boolean onStatic(MethodState s, int i, Stmt.Invoke call) {
    String type = call.site().libraryType();
    if (type == null && !call.site().targets().isEmpty()) type = call.site().targets().get(0).owner().fqn();
    if (!isStaticModel(type, call)) return false;
    String name = call.site().name();
    List<Var> args = call.args();
    switch (type) {
      case "java.util.concurrent.CompletableFuture" -> {
        if (!args.isEmpty()) watchTasks(s, i, args.get(0));
      }
      case "java.lang.ThreadLocal" -> {
        Obj local = viewObject(s, i, call);
        if (local != null && args.size() == 1) run(s, i, args.get(0), Calls.NO_ARGUMENTS, field(local, elements));
      }
      default -> {
        if (WRAP.contains(name)) {
          if (!args.isEmpty() && Solver.concerned(call.result())) solver.addEdge(s.pointer(args.get(0)), s.pointer(call.result()));
          return true;
        }
        Obj made = viewObject(s, i, call);
        if (made == null) return true;
        for (Var a : args) {
          if (!Solver.concerned(a)) continue;
          if (a.type() != null && a.type().endsWith("[]")) {
            solver.watch(s.pointer(a), arr -> solver.addEdge(field(arr, Pointers.ELEMENT), field(made, elements)));
          } else {
            store(s, a, made, elements);
          }
        }
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------

  private int field(Obj o, int field) {
    return solver.pointers.instanceField(o.id(), field);
  }

  private int field(int obj, int field) {
    return solver.pointers.instanceField(obj, field);
  }

  private void store(MethodState s, Var v, Obj o, int f) {
    if (Solver.concerned(v)) solver.addEdge(s.pointer(v), field(o, f));
  }

  private void load(MethodState s, Stmt.Invoke call, Obj o, int f) {
    if (Solver.concerned(call.result())) solver.addEdge(field(o, f), s.pointer(call.result()));
  }

  /** What {@code from} holds (a collection's elements, an array's) goes into {@code o}'s elements. */
  private void copyContents(MethodState s, Var from, Obj o) {
    if (!Solver.concerned(from)) return;
    solver.watch(s.pointer(from), c -> {
      solver.addEdge(field(c, elements), field(o, elements));
      solver.addEdge(field(c, Pointers.ELEMENT), field(o, elements));
    });
  }

  /** The object a view-making call returns, one per call; {@code null} for a dropped result. */
  private Obj viewObject(MethodState s, int i, Stmt.Invoke call) {
    Var r = call.result();
    if (!Solver.concerned(r)) return null;
    String type = r.type() != null ? r.type() : "java.lang.Object";
    Obj v = solver.heap.model(s.ir.method(), i, call.site().name() + "()", type, call.line());
    solver.addObject(s.pointer(r), v);
    return v;
  }

  /** The call returns a view whose field {@code to} reads {@code o}'s field {@code from}. */
  private void view(MethodState s, int i, Stmt.Invoke call, Obj o, int from, int to) {
    Obj v = viewObject(s, i, call);
    if (v != null) solver.addEdge(field(o, from), field(v, to));
  }

  /** Runs the function objects in the first argument with {@code element} as their argument. */
  private void runEach(MethodState s, int i, List<Var> args, int element, int ret) {
    if (!args.isEmpty()) run(s, i, args.get(0), new int[] {element}, ret);
  }

  private void run(MethodState s, int i, Var fn, int[] in, int ret) {
    if (!Solver.concerned(fn)) return;
    solver.watch(s.pointer(fn), f -> solver.calls.run(s, i, solver.heap.get(f), in, ret, false));
  }

  private void watchTasks(MethodState s, int i, Var task) {
    if (Solver.concerned(task)) solver.watch(s.pointer(task), t -> start(s, i, solver.heap.get(t)));
  }

  /** Task {@code t} (a function object, a program {@code Runnable} or thread) runs in a thread of its own. */
  private void start(MethodState s, int i, Obj t) {
    solver.calls.run(s, i, t, Calls.NO_ARGUMENTS, -1, true);
  }

  private boolean isTask(Var a) {
    return Solver.concerned(a) && !"java.lang.String".equals(a.type()) && !"java.lang.ThreadGroup".equals(a.type());
  }
}
