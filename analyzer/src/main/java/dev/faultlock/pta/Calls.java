package dev.faultlock.pta;

import dev.faultlock.ir.IrMethod;
import dev.faultlock.ir.Stmt;
import dev.faultlock.ir.Stmt.InvokeKind;
import dev.faultlock.ir.Var;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls: which methods each receiver object runs, and the binding of each new call edge
 * (arguments to parameters, the callee's return value to the result, the receiver object to
 * {@code this}). Static and {@code super}/constructor calls are bound once, to the method the
 * front end selected. A virtual call is dispatched per receiver object: by its class; a
 * function object runs its body; a symbolic object (any object of its type) and a receiver
 * that gets no object at all fall back to the class-hierarchy targets the front end resolved,
 * and the call is recorded as such (a finding resting on it is of low confidence). A call no
 * program method answers is library code: its result is symbolic, and a function object passed
 * to it runs with symbolic arguments, as the library may call it.
 */
final class Calls {
  private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString", "getClass");

  private final Solver solver;

  Calls(Solver solver) {
    this.solver = solver;
  }

  /** A call statement of a method just made reachable. */
  void invoke(MethodState s, int i, Stmt.Invoke call) {
    if (call.site().lockApi()) return;
    InvokeKind kind = call.kind();
    boolean virtual = (kind == InvokeKind.VIRTUAL || kind == InvokeKind.INTERFACE) && call.receiver() != null;
    List<MethodInfo> targets = programTargets(call);
    boolean library = call.site().libraryType() != null || !virtual && targets.isEmpty();
    if (library && !solver.models.handles(call)) {
      for (Var a : call.args()) if (Solver.concerned(a)) s.useAsLibraryArgument(a, i);
    }
    if (virtual) {
      s.useAsBase(call.receiver(), i);
      solver.virtualCall(s, i);
      return;
    }
    if (targets.isEmpty() && call.receiver() != null) {
      // A library constructor or super method run on the receiver's objects: by the models.
      s.useAsBase(call.receiver(), i);
      if (!"<init>".equals(call.site().name())) solver.libraryResult(s, call);
      return;
    }
    if (targets.isEmpty() && !solver.models.onStatic(s, i, call)) solver.libraryResult(s, call);
    if (targets.size() == 1 && modelled(s, i, call, targets.get(0))) {
      // A JDK method with sources, run by its model: on each receiver object, or statically.
      if (call.receiver() != null) s.useAsBase(call.receiver(), i);
      else solver.models.onStatic(s, i, call);
      return;
    }
    for (MethodInfo t : targets) {
      MethodState callee = bind(s, i, call, t, 0);
      if (call.receiver() != null) receiverFrom(callee, s.pointer(call.receiver()), result(s, call));
      if (callee != null && t.isConstructor()) solver.constructorStores.bind(s, i, call, callee);
    }
  }

  /**
   * The front end's targets that are the called method itself (not the lambdas it binds to the
   * call, which the function objects that flow there stand for).
   */
  private static List<MethodInfo> programTargets(Stmt.Invoke call) {
    List<MethodInfo> targets = call.site().targets();
    String name = call.site().name();
    boolean all = true;
    for (MethodInfo t : targets) all &= t.name().equals(name) && !t.isLambda();
    if (all) return targets;
    return targets.stream().filter(t -> t.name().equals(name) && !t.isLambda()).toList();
  }

  /** A new receiver object {@code o} of virtual call {@code call}. */
  void dispatch(MethodState s, int i, Stmt.Invoke call, Obj o) {
    if (call.kind() == InvokeKind.SPECIAL) {
      solver.models.onReceiver(s, i, call, o);
      return;
    }
    switch (o.kind()) {
      case FUNCTION -> {
        if (OBJECT_METHODS.contains(call.site().name())) return;
        for (MethodInfo body : o.body()) function(s, i, call, o, body);
      }
      case SYMBOLIC -> fallBack(s, i, call, o);
      default -> {
        MethodInfo t = solver.dispatcher.resolve(o.type(), call);
        if (t == null) {
          if (!solver.models.onReceiver(s, i, call, o)) solver.libraryResult(s, call);
          return;
        }
        if (modelled(s, i, call, t)) {
          solver.models.onReceiver(s, i, call, o);
          return;
        }
        MethodState callee = bind(s, i, call, t, 0);
        receiver(callee, o, result(s, call));
      }
    }
  }

  /**
   * Class-hierarchy dispatch for a receiver the analysis cannot place ({@code o}: a symbolic
   * object, or {@code null}: none at all), once per receiver object: to the targets that can
   * run on an object of {@code o}'s type (declared by a subtype or a supertype of it). A target
   * that is an entry point already has symbolic receiver and parameters of its own, one per
   * declared type, so the caller's symbolic objects would add nothing there but facts: it gets
   * only the program's objects (those locks and dispatch need); any other target gets the
   * receiver object and every argument.
   */
  private void fallBack(MethodState s, int i, Stmt.Invoke call, Obj o) {
    long key = ((long) s.id << 32) | i;
    Fallback f = fallbacks.get(key);
    if (f == null) {
      fallbacks.put(key, f = new Fallback(s, i, call));
      s.fellBack.set(i);
      if (f.library || f.runnable.isEmpty()) solver.libraryResult(s, call);
    }
    // A symbolic container still holds what the program put into it.
    if ((f.library || f.modelled) && o != null) solver.models.onReceiver(s, i, call, o);
    for (MethodInfo t : o == null || o.type() == null ? f.runnable : f.runnableOn(o.type())) {
      boolean entry = solver.world.isEntry(t);
      MethodState callee = bind(s, i, call, t, 0, entry);
      if (o == null || entry) returnedReceiver(callee, o, result(s, call));
      else receiver(callee, o, result(s, call));
    }
  }

  /** Per fallen-back call, by (method id, statement): its targets, sorted once. */
  private final Map<Long, Fallback> fallbacks = new HashMap<>();

  /**
   * The class-hierarchy targets of one call that falls back: whether it is a library call or
   * one a JDK model answers, and the targets that run their bodies, by declaring type, so that
   * each receiver object finds those its type can run without a pass over all of them (a call
   * of {@code toString()} on an {@code Object} has thousands).
   */
  private final class Fallback {
    final boolean library;
    boolean modelled;
    final List<MethodInfo> runnable = new ArrayList<>();
    private final Map<String, List<MethodInfo>> byOwner = new HashMap<>();

    Fallback(MethodState s, int i, Stmt.Invoke call) {
      List<MethodInfo> targets = programTargets(call);
      library = targets.isEmpty() || call.site().libraryType() != null;
      for (MethodInfo t : targets) {
        if (t.isStatic()) continue;
        if (modelled(s, i, call, t)) {
          modelled = true;
        } else {
          runnable.add(t);
          byOwner.computeIfAbsent(t.owner().fqn(), k -> new ArrayList<>(1)).add(t);
        }
      }
    }

    /** The targets an object of {@code type} may run: declared by a subtype or a supertype of it. */
    List<MethodInfo> runnableOn(String type) {
      List<MethodInfo> out = new ArrayList<>();
      addOwned(type, out);
      for (String a : solver.index.ancestors(type)) addOwned(a, out);
      List<TypeInfo> subtypes = solver.index.subtypes(type);
      if (subtypes.size() < byOwner.size()) {
        for (TypeInfo sub : subtypes) addOwned(sub.fqn(), out);
      } else {
        for (Map.Entry<String, List<MethodInfo>> e : byOwner.entrySet()) {
          if (!e.getKey().equals(type) && solver.index.isSubtype(e.getKey(), type)) out.addAll(e.getValue());
        }
      }
      return out;
    }

    private void addOwned(String owner, List<MethodInfo> out) {
      List<MethodInfo> l = byOwner.get(owner);
      if (l != null) out.addAll(l);
    }
  }

  /**
   * Whether {@code call} runs JDK program method {@code t} by its model ({@link
   * JdkModels#replaces}): then {@code t} is recorded as a callee (the lock analysis still sees
   * its body) and made reachable, but nothing flows into it from this call.
   */
  private boolean modelled(MethodState s, int i, Stmt.Invoke call, MethodInfo t) {
    boolean modelled = t.isStatic() ? solver.models.replacesStatic(t, call) : solver.models.replaces(t, call);
    if (!modelled) return false;
    // An abstract method runs nothing: no callee (as in bind).
    if (!t.isAbstract() && solver.reach(t) != null && s.addCallee(i, t)) solver.callEdges++;
    return true;
  }

  /**
   * After a fixpoint: virtual calls whose receiver got no object at all fall back to class
   * hierarchy dispatch (their receiver comes from code the analysis does not see). Whether any
   * did, so that the solver runs again.
   */
  boolean fallBackOnEmptyReceivers(List<long[]> calls) {
    boolean any = false;
    for (long[] c : calls) {
      MethodState s = solver.state((int) c[0]);
      int i = (int) c[1];
      Stmt.Invoke call = (Stmt.Invoke) s.ir.stmts().get(i);
      if (s.fellBack.get(i) || s.callees[i] != null) continue;
      if (!solver.pointers.pointsTo(s.pointer(call.receiver())).isEmpty()) continue;
      fallBack(s, i, call, null);
      any = true;
    }
    return any;
  }

  /** The pointers of {@code call}'s arguments, -1 for one that holds no object. */
  private static int[] arguments(MethodState s, Stmt.Invoke call) {
    int[] out = new int[call.args().size()];
    for (int k = 0; k < out.length; k++) out[k] = Solver.concerned(call.args().get(k)) ? s.pointer(call.args().get(k)) : -1;
    return out;
  }

  /** The pointer of {@code call}'s result, or -1 when it has none the analysis keeps. */
  private static int result(MethodState s, Stmt.Invoke call) {
    return Solver.concerned(call.result()) ? s.pointer(call.result()) : -1;
  }

  /**
   * Binds {@code o} as {@code callee}'s receiver; when the callee returns its receiver ({@link
   * MethodState#returnsThis}), {@code o} is also what the call gets back, into {@code result}
   * (-1: nowhere).
   */
  private void receiver(MethodState callee, Obj o, int result) {
    if (callee == null || callee.ir.thisVar() == null) return;
    solver.addObject(callee.pointer(callee.ir.thisVar()), o);
    if (callee.returnsThis && result >= 0) solver.addObject(result, o);
  }

  /** {@link #receiver} for the objects of pointer {@code from}. */
  private void receiverFrom(MethodState callee, int from, int result) {
    if (callee == null || callee.ir.thisVar() == null) return;
    solver.addEdge(from, callee.pointer(callee.ir.thisVar()));
    if (callee.returnsThis && result >= 0) solver.addEdge(from, result);
  }

  /**
   * What a fallen-back call gets back from a callee that returns its receiver when {@code o}
   * is not bound as that receiver: {@code o} itself, or with no object the callee's receivers.
   */
  private void returnedReceiver(MethodState callee, Obj o, int result) {
    if (callee == null || !callee.returnsThis || result < 0) return;
    if (o != null) solver.addObject(result, o);
    else solver.addEdge(callee.pointer(callee.ir.thisVar()), result);
  }

  /** A call through function object {@code fn} running {@code body}. */
  private void function(MethodState s, int i, Stmt.Invoke call, Obj fn, MethodInfo body) {
    if (body.isLambda() || body.isStatic()) {
      bind(s, i, call, body, 0);
    } else if (body.isConstructor()) {
      // `Foo::new`: each call makes a Foo, one object per method reference.
      MethodState callee = bind(s, i, call, body, 0);
      Obj made = solver.heap.allocation(fn.method(), -1 - fn.id(), body.owner().fqn(), fn.line());
      receiver(callee, made, -1);
      if (callee != null) solver.constructorStores.bind(callee, made.id(), arguments(s, call));
      if (Solver.concerned(call.result())) solver.addObject(s.pointer(call.result()), made);
    } else if (solver.bound.get(fn.id())) {
      MethodState callee = bind(s, i, call, body, 0);
      receiverFrom(callee, solver.pointers.instanceField(fn.id(), solver.boundField), result(s, call));
    } else {
      // `Foo::bar` unbound: the first argument is the receiver.
      bind(s, i, call, body, 1);
    }
  }

  /**
   * A function object {@code fn} handed to library code at {@code call} that no model knows:
   * the library may run it, with arguments it makes (symbolic, by the parameters' types).
   */
  void runByLibrary(MethodState s, int i, Obj fn) {
    run(s, i, fn, NO_ARGUMENTS, -1, false);
  }

  static final int[] NO_ARGUMENTS = {};

  /** The names of the single abstract methods of the JDK's functions. */
  private static final Set<String> FUNCTION_METHODS =
      Set.of("run", "call", "get", "apply", "accept", "test", "compare");

  /** What a thread or an executor runs of a task. */
  private static final Set<String> TASK_METHODS = Set.of("run", "call");

  /**
   * Library code at statement {@code i} of {@code s} runs task or function {@code fn}: its
   * parameters from {@code args} (pointers; missing ones symbolic), its result to {@code ret}
   * (-1: dropped); {@code thread}: in a thread of its own (a thread entry, not a callee).
   * {@code fn} is a function object, or a program object whose {@code run}/{@code call}/...
   * runs.
   */
  void run(MethodState s, int i, Obj fn, int[] args, int ret, boolean thread) {
    if (fn.kind() == Obj.Kind.FUNCTION) {
      for (MethodInfo body : fn.body()) runBody(s, i, fn, body, args, ret, thread);
    } else if (!fn.isSymbolic()) {
      MethodInfo m = solver.dispatcher.resolveNamed(fn.type(), thread ? TASK_METHODS : FUNCTION_METHODS, args.length);
      if (m != null) runBody(s, i, fn, m, args, ret, thread);
    }
  }

  private void runBody(
      MethodState s, int i, Obj fn, MethodInfo body, int[] args, int ret, boolean thread) {
    MethodState callee = solver.reach(body);
    if (callee == null) return;
    if (thread) solver.threadEntries.add(body);
    else if (s.addCallee(i, body)) solver.callEdges++;
    IrMethod ir = callee.ir;
    Var self = ir.thisVar();
    boolean unbound = fn.kind() == Obj.Kind.FUNCTION && self != null && !body.isLambda()
        && !body.isConstructor() && !solver.bound.get(fn.id());
    int shift = unbound ? 1 : 0;
    for (int k = 0; k < ir.params().size(); k++) {
      Var p = ir.params().get(k);
      if (!Solver.concerned(p)) continue;
      if (k + shift < args.length) solver.addEdge(args[k + shift], callee.pointer(p));
      else if (p.type() != null) solver.addObject(callee.pointer(p), solver.symbolic(p.type(), OpenWorld.ENTRY));
    }
    if (ret >= 0) solver.addEdge(callee.returnPointer(), ret);
    if (self == null || body.isLambda()) return;
    if (fn.kind() != Obj.Kind.FUNCTION) {
      receiver(callee, fn, ret);
    } else if (body.isConstructor()) {
      Obj made = solver.heap.allocation(fn.method(), -1 - fn.id(), body.owner().fqn(), fn.line());
      receiver(callee, made, -1);
      // Parameters it was not handed hold symbolic objects of their own.
      int[] given = ConstructorStores.ownParameters(callee);
      System.arraycopy(args, 0, given, 0, Math.min(args.length, given.length));
      solver.constructorStores.bind(callee, made.id(), given);
    } else if (solver.bound.get(fn.id())) {
      receiverFrom(callee, solver.pointers.instanceField(fn.id(), solver.boundField), ret);
    } else if (args.length > 0) {
      receiverFrom(callee, args[0], ret);
    } else {
      receiver(callee, solver.symbolic(self.type(), OpenWorld.ENTRY), ret);
    }
  }

  /**
   * The edge {@code call → callee}, bound the first time: arguments from {@code shift} on to
   * the parameters (an unbound method reference's first argument is its receiver), a varargs
   * tail into an array made at the call, the return value to the result. The callee's state, or
   * {@code null} when it has no IR (abstract, native): then the result is a library result.
   */
  private MethodState bind(MethodState s, int i, Stmt.Invoke call, MethodInfo callee, int shift) {
    return bind(s, i, call, callee, shift, false);
  }

  /** {@link #bind}; {@code programOnly}: the arguments pass their program objects only, not the symbolic ones. */
  private MethodState bind(
      MethodState s, int i, Stmt.Invoke call, MethodInfo callee, int shift, boolean programOnly) {
    // An abstract method runs nothing: the overrides class-hierarchy dispatch also gave do.
    if (callee.isAbstract()) return null;
    MethodState c = solver.reach(callee);
    if (c == null) {
      // A program method without IR (its lowering failed): what it returns is unknown.
      if (s.addCallee(i, callee)) solver.callEdges++;
      solver.libraryResult(s, call);
      return null;
    }
    if (!s.addCallee(i, callee)) return c;
    solver.callEdges++;
    List<Var> args = call.args();
    List<Var> params = c.ir.params();
    if (shift == 1 && !args.isEmpty() && Solver.concerned(args.get(0))) {
      receiverFrom(c, s.pointer(args.get(0)), result(s, call));
    }
    int n = params.size();
    boolean spread = callee.isVarargs() && n > 0 && !(args.size() - shift == n && isArray(args.get(args.size() - 1)));
    for (int k = 0; k < n; k++) {
      Var p = params.get(k);
      if (!Solver.concerned(p)) continue;
      if (spread && k == n - 1) {
        Obj array = solver.heap.model(s.ir.method(), i, "varargs", p.type(), call.line());
        solver.addObject(c.pointer(p), array);
        int element = solver.pointers.instanceField(array.id(), Pointers.ELEMENT);
        for (int j = k + shift; j < args.size(); j++) {
          if (Solver.concerned(args.get(j))) solver.addEdge(s.pointer(args.get(j)), element);
        }
      } else if (k + shift < args.size() && Solver.concerned(args.get(k + shift))) {
        if (programOnly) solver.addFilteredEdge(s.pointer(args.get(k + shift)), c.pointer(p), Types.PROGRAM);
        else solver.addEdge(s.pointer(args.get(k + shift)), c.pointer(p));
      }
    }
    if (Solver.concerned(call.result())) solver.addEdge(c.returnPointer(), s.pointer(call.result()));
    return c;
  }

  private static boolean isArray(Var v) {
    return v != null && v.type() != null && v.type().endsWith("[]");
  }
}
