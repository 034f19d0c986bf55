package dev.faultlock.cache;

import dev.faultlock.faults.Supplied;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.Problem;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.locks.CallContext;
import dev.faultlock.locks.Held;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.LockRef;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.locks.Witness;
import dev.faultlock.source.Compact;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores and reads back what the extraction derived from one file's method bodies: the {@link
 * MethodFacts} of its methods and lambdas, the functions it bound to interfaces and the problems
 * it met.
 *
 * <p>A method is stored as a reference, not as data: a program method as its type's name and its
 * position among the type's methods, a lambda as its position in the file's lambda table
 * (written first, enclosing lambdas before the lambdas written in them). Such references mean
 * the same method only in a program with the same declarations, which is what the caller
 * checks ({@link FactCache}) before reading facts back.
 */
final class FactCodec {
  private static final int ACQUIRE = 1;
  private static final int CALL = 2;
  private static final int FAULT = 3;
  private static final int NONE = 0;
  private static final int PROGRAM = 1;
  private static final int LAMBDA = 2;

  private FactCodec() {}

  /** What the extraction derived from one file. */
  /**
   * @param guards the digest of the program's guards the facts were solved with (of {@link
   *     dev.faultlock.locks.Guards#describe()}): facts solved with other guards are stale
   */
  record FileFacts(
      List<MethodFacts> facts, Map<String, List<MethodInfo>> bindings, List<Problem> problems,
      String guards) {}

  /** Positions of every program method among its type's methods. */
  static Map<MethodInfo, Integer> positions(ProgramIndex index) {
    Map<MethodInfo, Integer> out = new IdentityHashMap<>();
    for (TypeInfo t : index.types()) {
      List<MethodInfo> methods = t.methods();
      for (int i = 0; i < methods.size(); i++) out.put(methods.get(i), i);
    }
    return out;
  }

  /**
   * Writes {@code file}'s facts. Throws {@link IllegalArgumentException} for a fact that cannot
   * be stored as a reference (a method outside the index): such a file is not cached.
   */
  static byte[] write(FileFacts file, ProgramIndex index, Map<MethodInfo, Integer> positions) {
    Writer w = new Writer(index, positions);
    for (MethodFacts f : file.facts()) {
      w.register(f.method());
      for (LockEvent e : f.events()) {
        if (e instanceof LockEvent.Call c) {
          for (MethodInfo m : c.targets()) w.register(m);
          for (MethodInfo m : c.context().boundReceivers().keySet()) w.register(m);
        }
      }
    }
    for (List<MethodInfo> fns : file.bindings().values()) for (MethodInfo m : fns) w.register(m);
    Compact.Writer out = w.out;
    out.uint(w.lambdas.size());
    for (MethodInfo l : w.lambdas) {
      w.ref(l.enclosing());
      String name = l.name();
      out.uint(Integer.parseInt(name.substring(l.enclosing().name().length() + "$lambda".length())));
      out.strings(l.parameterNames());
      out.strings(l.parameterTypes());
      out.uint(l.line());
    }
    out.uint(file.facts().size());
    for (MethodFacts f : file.facts()) {
      w.ref(f.method());
      out.bool(f.orderingGuard());
      out.uint(f.unresolvedCalls());
      out.uint(f.misuses().size());
      for (MethodFacts.Misuse m : f.misuses()) {
        w.location(m.at());
        out.string(m.annotation());
        out.string(m.problem());
      }
      out.uint(f.events().size());
      for (LockEvent e : f.events()) w.event(e);
      w.holds(f.heldOnReturn());
      out.uint(f.releasedUnheld().size());
      for (LockRef l : f.releasedUnheld()) w.lock(l);
    }
    out.uint(file.bindings().size());
    for (Map.Entry<String, List<MethodInfo>> e : file.bindings().entrySet()) {
      out.string(e.getKey());
      out.uint(e.getValue().size());
      for (MethodInfo m : e.getValue()) w.ref(m);
    }
    out.uint(file.problems().size());
    for (Problem p : file.problems()) {
      w.location(p.location());
      out.string(p.message());
    }
    out.string(file.guards());
    return out.toBytes();
  }

  /** Reads back what {@link #write} wrote, against an index with the same declarations. */
  static FileFacts read(byte[] bytes, ProgramIndex index) throws IOException {
    Reader r = new Reader(new Compact.Reader(bytes), index);
    Compact.Reader in = r.in;
    int lambdas = in.count();
    for (int i = 0; i < lambdas; i++) {
      MethodInfo enclosing = r.ref();
      if (enclosing == null) throw new IOException("lambda without enclosing method");
      int ordinal = in.uint();
      List<String> names = in.strings();
      List<String> types = in.strings();
      if (names.size() != types.size()) throw new IOException("bad lambda parameters");
      r.lambdas.add(MethodInfo.lambda(enclosing, ordinal, names, types, null, null, in.uint()));
    }
    int n = in.count();
    List<MethodFacts> facts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      MethodInfo method = r.ref();
      if (method == null) throw new IOException("facts without a method");
      boolean guard = in.bool();
      int unresolved = in.uint();
      int misuses = in.count();
      List<MethodFacts.Misuse> ms = new ArrayList<>(misuses);
      for (int k = 0; k < misuses; k++) ms.add(new MethodFacts.Misuse(r.location(), in.text(), in.text()));
      int events = in.count();
      List<LockEvent> es = new ArrayList<>(events);
      for (int k = 0; k < events; k++) es.add(r.event());
      List<Held> heldOnReturn = r.held();
      int released = in.count();
      List<LockRef> releasedUnheld = new ArrayList<>(released);
      for (int k = 0; k < released; k++) releasedUnheld.add(r.lock());
      facts.add(new MethodFacts(method, List.copyOf(es), guard, List.copyOf(ms), unresolved,
          heldOnReturn, List.copyOf(releasedUnheld)));
    }
    Map<String, List<MethodInfo>> bindings = new LinkedHashMap<>();
    int b = in.count();
    for (int i = 0; i < b; i++) {
      String iface = in.text();
      int k = in.count();
      List<MethodInfo> fns = new ArrayList<>(k);
      for (int j = 0; j < k; j++) fns.add(r.nonNullRef());
      bindings.put(iface, fns);
    }
    int p = in.count();
    List<Problem> problems = new ArrayList<>(p);
    for (int i = 0; i < p; i++) problems.add(new Problem(r.location(), in.text()));
    String guards = in.text();
    if (!in.atEnd()) throw new IOException("trailing data");
    return new FileFacts(facts, bindings, problems, guards);
  }

  private static final class Writer {
    final Compact.Writer out = new Compact.Writer();
    final ProgramIndex index;
    final Map<MethodInfo, Integer> positions;
    final List<MethodInfo> lambdas = new ArrayList<>();
    final Map<MethodInfo, Integer> lambdaIds = new IdentityHashMap<>();

    Writer(ProgramIndex index, Map<MethodInfo, Integer> positions) {
      this.index = index;
      this.positions = positions;
    }

    /** A caller-side lock class, as two strings (both {@code null} for none). */
    void renamed(CallContext.Renamed r) {
      out.string(r == null ? null : r.declared());
      out.string(r == null ? null : r.caller());
    }

    /** Gives a lambda (and the lambdas it is written in) its place in the table. */
    void register(MethodInfo m) {
      if (m == null || !m.isLambda() || lambdaIds.containsKey(m)) return;
      if (m.enclosing() == null) throw new IllegalArgumentException("lambda without enclosing method");
      register(m.enclosing());
      lambdaIds.put(m, lambdas.size());
      lambdas.add(m);
    }

    void ref(MethodInfo m) {
      if (m == null) {
        out.uint(NONE);
      } else if (m.isLambda()) {
        Integer id = lambdaIds.get(m);
        if (id == null) throw new IllegalArgumentException("unregistered lambda " + m);
        out.uint(LAMBDA);
        out.uint(id);
      } else {
        Integer position = positions.get(m);
        if (position == null || index.type(m.owner().fqn()) != m.owner()) {
          throw new IllegalArgumentException("not a program method: " + m);
        }
        out.uint(PROGRAM);
        out.string(m.owner().fqn());
        out.uint(position);
      }
    }

    void location(Location l) {
      out.string(l.file());
      out.uint(l.line());
      out.uint(l.column());
    }

    void lock(LockRef r) {
      out.string(r.lockClass());
      out.string(r.text());
      out.string(r.identity());
      out.bool(r.shared());
    }

    void witness(Witness w) {
      out.uint(Witness.length(w));
      for (Witness c = w; c != null; c = c.next()) {
        location(c.step().location());
        out.string(c.step().description());
        out.bool(c.step().confidence() == Confidence.LOW);
      }
    }

    void held(List<Held> held, Set<String> covered) {
      holds(held);
      out.strings(covered.stream().sorted().toList());
    }

    /** What {@link Reader#held()} reads. */
    void holds(List<Held> held) {
      out.uint(held.size());
      for (Held h : held) {
        lock(h.lock());
        witness(h.how());
      }
    }

    /** A call's {@link Supplied}: parameter indexes stored plus one, so that none is 0. */
    void supplied(Supplied s) {
      out.bool(s != null);
      if (s == null) return;
      out.uint(s.receiver() + 1);
      out.uint(s.args().size());
      for (int a : s.args()) out.uint(a + 1);
      for (String t : s.argTypes()) out.string(t);
    }

    void event(LockEvent e) {
      if (e instanceof LockEvent.Acquire a) {
        out.uint(ACQUIRE);
        location(a.at());
        lock(a.lock());
        out.bool(a.blocking());
        witness(a.step());
      } else if (e instanceof LockEvent.Call c) {
        out.uint(CALL);
        location(c.at());
        out.string(c.callee());
        out.string(c.receiverType());
        out.string(c.name());
        out.uint(c.argc());
        out.uint(c.targets().size());
        for (MethodInfo m : c.targets()) ref(m);
        out.string(c.libraryType());
        CallContext x = c.context();
        out.string(x.receiverIdentity());
        out.string(x.receiverText());
        renamed(x.receiverClass());
        out.strings(x.argIdentities());
        out.strings(x.argTexts());
        out.uint(x.argClasses().size());
        for (CallContext.Renamed r : x.argClasses()) renamed(r);
        // Sorted by the references' text, so that equal facts give equal bytes.
        List<Map.Entry<MethodInfo, String[]>> bound = new ArrayList<>(x.boundReceivers().entrySet());
        bound.sort(Map.Entry.comparingByKey(Comparator.comparing(MethodInfo::signature)));
        out.uint(bound.size());
        for (Map.Entry<MethodInfo, String[]> b : bound) {
          ref(b.getKey());
          out.strings(Arrays.asList(b.getValue()));
        }
        supplied(c.supplied());
      } else if (e instanceof LockEvent.Fault f) {
        out.uint(FAULT);
        location(f.at());
        out.string(f.domain());
        out.string(f.callee());
        out.string(f.what());
      } else {
        throw new IllegalArgumentException("unknown event " + e.getClass());
      }
      held(e.held(), e.covered());
    }
  }

  private static final class Reader {
    /** What {@link Writer#supplied} wrote. */
    Supplied supplied() throws IOException {
      if (!in.bool()) return null;
      int receiver = in.uint() - 1;
      int n = in.count();
      List<Integer> args = new ArrayList<>(n);
      for (int i = 0; i < n; i++) args.add(in.uint() - 1);
      List<String> types = new ArrayList<>(n);
      for (int i = 0; i < n; i++) types.add(in.string());
      return new Supplied(receiver, args, types);
    }

    final Compact.Reader in;
    final ProgramIndex index;
    final List<MethodInfo> lambdas = new ArrayList<>();

    Reader(Compact.Reader in, ProgramIndex index) {
      this.in = in;
      this.index = index;
    }

    CallContext.Renamed renamed() throws IOException {
      String declared = in.string();
      String caller = in.string();
      return declared == null ? null : new CallContext.Renamed(declared, caller);
    }

    MethodInfo ref() throws IOException {
      int kind = in.uint();
      if (kind == NONE) return null;
      if (kind == LAMBDA) {
        int id = in.uint();
        if (id >= lambdas.size()) throw new IOException("bad lambda reference");
        return lambdas.get(id);
      }
      if (kind != PROGRAM) throw new IOException("bad method reference");
      TypeInfo t = index.type(in.text());
      int position = in.uint();
      if (t == null || position >= t.methods().size()) throw new IOException("stale method reference");
      return t.methods().get(position);
    }

    MethodInfo nonNullRef() throws IOException {
      MethodInfo m = ref();
      if (m == null) throw new IOException("missing method");
      return m;
    }

    Location location() throws IOException {
      return new Location(in.text(), in.uint(), in.uint());
    }

    LockRef lock() throws IOException {
      return new LockRef(in.string(), in.string(), in.text(), in.bool());
    }

    Witness witness() throws IOException {
      int n = in.count();
      List<TraceStep> steps = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        steps.add(new TraceStep(location(), in.string(), in.bool() ? Confidence.LOW : Confidence.HIGH));
      }
      Witness w = null;
      for (int i = n - 1; i >= 0; i--) w = Witness.cons(steps.get(i), w);
      return w;
    }

    List<Held> held() throws IOException {
      int n = in.count();
      List<Held> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) out.add(new Held(lock(), witness()));
      return n == 0 ? List.of() : List.copyOf(out);
    }

    LockEvent event() throws IOException {
      int kind = in.uint();
      switch (kind) {
        case ACQUIRE -> {
          Location at = location();
          LockRef lock = lock();
          boolean blocking = in.bool();
          Witness step = witness();
          return new LockEvent.Acquire(at, lock, blocking, step, held(), covered());
        }
        case CALL -> {
          Location at = location();
          String callee = in.string();
          String receiverType = in.string();
          String name = in.string();
          int argc = in.uint();
          int n = in.count();
          // Mutable: the call graph adds the lambdas bound to the receiver's interface.
          List<MethodInfo> targets = new ArrayList<>(n);
          for (int i = 0; i < n; i++) targets.add(nonNullRef());
          String libraryType = in.string();
          CallContext context = context();
          Supplied supplied = supplied();
          return new LockEvent.Call(at, callee, receiverType, name, argc, targets, libraryType,
              context, held(), covered(), supplied);
        }
        case FAULT -> {
          return new LockEvent.Fault(location(), in.string(), in.string(), in.string(), held(), covered());
        }
        default -> throw new IOException("bad event " + kind);
      }
    }

    CallContext context() throws IOException {
      String receiverIdentity = in.string();
      String receiverText = in.string();
      CallContext.Renamed receiverClass = renamed();
      List<String> argIdentities = in.strings();
      List<String> argTexts = in.strings();
      int classes = in.count();
      List<CallContext.Renamed> argClasses = new ArrayList<>(classes);
      for (int i = 0; i < classes; i++) argClasses.add(renamed());
      int n = in.count();
      Map<MethodInfo, String[]> bound = new IdentityHashMap<>();
      for (int i = 0; i < n; i++) bound.put(nonNullRef(), in.strings().toArray(String[]::new));
      return new CallContext(receiverIdentity, receiverText, receiverClass, argIdentities, argTexts,
          argClasses, Map.copyOf(bound));
    }

    Set<String> covered() throws IOException {
      return Set.copyOf(in.strings());
    }
  }
}
