package dev.faultlock.faults;

import dev.faultlock.analyzer.FindingConfidence;
import dev.faultlock.callgraph.CallGraph;
import dev.faultlock.callgraph.Dispatch;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.catalog.Messages;
import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.TraceStep;
import dev.faultlock.locks.Held;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.locks.Witness;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import dev.faultlock.summary.Effects;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Alien calls: calls on an object the caller supplied, of a type whose implementation the method
 * does not control ({@link AlienTypes}), such as {@code target.write(buf)} in {@code
 * transferTo(pos, n, target)}. Under a lock, such a call is the Java form of the post's faulting
 * copy: the code it runs may be another file of the same file system, which takes that file's
 * lock. So the whole-program pass treats it as a copy whose fault handlers are the program's
 * implementations the call can reach (class-hierarchy dispatch plus lambdas bound to it).
 *
 * <p>"Caller-supplied" is followed through the program: a method that passes its own parameter
 * on to a method that makes an alien call on it ({@code file.transferTo(pos, n, target)} to
 * {@code RegularFile.transferTo}, whose {@code dest.write} is the call) exposes that parameter
 * too. These exposures are computed bottom-up over the call graph's components, as summaries are,
 * from each call's {@link Supplied}.
 *
 * <p>"The caller" is code outside the program: an object is caller-supplied when it comes in
 * through an entry point (a public method of the program's API, or a method that overrides a
 * library method, such as {@code FileChannel.transferTo} in a package-private channel class) and
 * is handed on from parameter to parameter to the method holding the lock. A callback that only
 * the program's own lambdas ever fill ({@code withLockDo(root, path, callback)}, private, called
 * with lambdas written next to it) is not alien: the program wrote every implementation, and the
 * plain lock-order rules follow them.
 */
public final class AlienCalls {
  /** At most this many alien calls are kept per method and parameter: the shortest paths. */
  private static final int MAX_PER_PARAMETER = 8;

  /**
   * One alien call.
   *
   * @param at where it is made
   * @param method the method that makes it
   * @param callee the method called, as {@code WritableByteChannel.write}
   * @param type the alien object's static type, fully qualified
   * @param parameter the parameter of {@code method} the object is
   * @param copy the JDK method the object is handed to ({@code InputStream.transferTo}), or
   *     {@code null} when the call is made on the object itself
   * @param handlers the program methods it may run: its fault handlers
   * @param display the call as the other rules' traces name it ({@code calls `X`}): by the
   *     method it selects, which may be one implementation
   */
  public record Site(
      Location at, MethodInfo method, String callee, String type, int parameter, String copy,
      List<MethodInfo> handlers, String display) {
    /** The object's name in {@link #method}. */
    public String object() {
      List<String> names = method.parameterNames();
      return parameter < names.size() ? names.get(parameter) : "p" + parameter;
    }

    /** The alien type's simple name. */
    public String typeName() {
      return type.substring(type.lastIndexOf('.') + 1);
    }

    /** The trace step of the call. */
    public TraceStep step() {
      String what = copy == null
          ? "calls `" + callee + "` on `" + object() + "`"
          : "`" + copy + "` calls `" + callee + "` of `" + object() + "`";
      return new TraceStep(at, what + ", " + Messages.article(typeName()) + " " + typeName()
          + " the caller supplied (alien call)");
    }
  }

  /**
   * An alien call a call event leads to.
   *
   * @param parameter the caller's parameter the alien object is
   * @param path from the event's call to the alien call, both included
   */
  public record Reach(Site site, int parameter, List<TraceStep> path) {}

  /**
   * A lock a fault handler of an alien call takes while {@code held} is held.
   *
   * @param sameClass the lock is of the held lock's class: the ABBA between two files
   * @param chosen how sure the step into {@code handler} is ({@link FindingConfidence#ofHandler})
   */
  public record Fault(
      Held held, Reach reach, MethodInfo handler, Effects.Acquire acquire, boolean sameClass,
      Confidence chosen) {
    /** How the lock came to be held, the calls to the alien call, what runs, what it takes. */
    public List<TraceStep> trace() {
      List<TraceStep> out = new ArrayList<>(Witness.steps(held.how()));
      out.addAll(reach.path());
      out.add(new TraceStep(new Location(handler.owner().file().shown(), handler.line(), 0),
          "runs `" + handler.display() + "`, the program's implementation", chosen));
      out.addAll(Witness.steps(acquire.witness()));
      return out;
    }
  }

  /** An alien call reached from a method's parameter: the calls from the method to it. */
  private record Exposure(int parameter, Site site, Witness path) {}

  private final ProgramIndex index;
  private final CallGraph graph;
  private final Dispatch dispatch;
  private final Map<MethodInfo, MethodFacts> facts;
  private final Map<MethodInfo, List<Exposure>> exposures = new HashMap<>();
  private final Map<LockEvent.Call, List<Site>> sites = new IdentityHashMap<>();
  /** For each method, the parameters through which objects from outside the program come in. */
  private final Map<MethodInfo, Set<Integer>> external = new HashMap<>();

  private AlienCalls(ProgramIndex index, CallGraph graph, Map<MethodInfo, MethodFacts> facts) {
    this.index = index;
    this.graph = graph;
    this.dispatch = new Dispatch(index);
    this.facts = facts;
  }

  /** The alien calls of the program of {@code graph}, and which parameters lead to them. */
  public static AlienCalls of(
      CallGraph graph, Map<MethodInfo, MethodFacts> facts, ProgramIndex index) {
    AlienCalls a = new AlienCalls(index, graph, facts);
    for (List<MethodInfo> component : graph.bottomUp()) {
      MethodInfo first = component.get(0);
      boolean recursive = component.size() > 1 || graph.callees(first).contains(first);
      boolean changed = true;
      while (changed) {
        changed = false;
        for (MethodInfo m : component) changed |= a.update(m);
        changed &= recursive;
      }
    }
    a.external();
    return a;
  }

  /** Fills {@link #external}: from the entry points down every call that hands a parameter on. */
  private void external() {
    Map<MethodInfo, List<LockEvent.Call>> handing = new HashMap<>();
    ArrayDeque<MethodInfo> work = new ArrayDeque<>();
    for (Map.Entry<MethodInfo, MethodFacts> e : facts.entrySet()) {
      MethodInfo m = e.getKey();
      for (LockEvent ev : e.getValue().events()) {
        if (ev instanceof LockEvent.Call c && c.supplied() != null) {
          handing.computeIfAbsent(m, k -> new ArrayList<>()).add(c);
        }
      }
      if (isEntry(m)) {
        Set<Integer> all = new HashSet<>();
        for (int i = 0; i < m.arity(); i++) all.add(i);
        external.put(m, all);
        work.add(m);
      }
    }
    while (!work.isEmpty()) {
      MethodInfo m = work.poll();
      Set<Integer> mine = external.get(m);
      for (LockEvent.Call c : handing.getOrDefault(m, List.of())) {
        for (MethodInfo t : c.targets()) {
          for (int i = 0; i < c.supplied().args().size(); i++) {
            int p = c.supplied().arg(i);
            if (p < 0 || !mine.contains(p) || i >= t.arity()) continue;
            if (external.computeIfAbsent(t, k -> new HashSet<>()).add(i)) work.add(t);
          }
        }
      }
    }
  }

  /** Whether code outside the program may call {@code m} with objects of its own. */
  private boolean isEntry(MethodInfo m) {
    if (m.isLambda() || m.isPrivate()) return false;
    if (m.isPublicApi()) return true;
    if (m.isStatic() || m.isConstructor()) return false;
    for (String a : m.owner().ancestors()) {
      TypeInfo t = index.type(a);
      boolean declares =
          t == null ? index.library().declares(a, m.name(), m.arity()) : declaresApi(t, m);
      if (declares) return true;
    }
    return false;
  }

  private static boolean declaresApi(TypeInfo t, MethodInfo m) {
    for (MethodInfo o : t.methods()) {
      if (o.isPublicApi() && o.name().equals(m.name()) && o.arity() == m.arity()) return true;
    }
    return false;
  }

  /**
   * The alien calls the call {@code c} of {@code m} makes or leads to, on those of {@code m}'s
   * parameters objects from outside the program come in through.
   */
  public List<Reach> at(MethodInfo m, LockEvent.Call c) {
    Supplied s = c.supplied();
    Set<Integer> outside = external.get(m);
    if (s == null || outside == null) return List.of();
    Map<Site, Reach> out = new LinkedHashMap<>();
    for (Site site : sitesOf(m, c)) {
      if (outside.contains(site.parameter())) {
        out.put(site, new Reach(site, site.parameter(), List.of(site.step())));
      }
    }
    TraceStep call = new TraceStep(c.at(), "calls `" + c.callee() + "`");
    for (MethodInfo t : c.targets()) {
      for (Exposure e : exposures.getOrDefault(t, List.of())) {
        int p = s.arg(e.parameter());
        if (p < 0 || !outside.contains(p)) continue;
        List<TraceStep> path = new ArrayList<>();
        path.add(call.atMost(FindingConfidence.ofCall(c, t)));
        path.addAll(Witness.steps(e.path()));
        path.add(e.site().step());
        Reach known = out.get(e.site());
        if (known == null || path.size() < known.path().size()) {
          out.put(e.site(), new Reach(e.site(), p, path));
        }
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * What the fault handlers of the alien call {@code r}, which {@code c} leads to, take under the
   * locks held at {@code c}: a lock of a held lock's class first (the deadlock), then a sure
   * step into the handler, then in the order the locks were held and by the shortest trace.
   * Less what is safe: a class a dominating {@code @SortedAcquire} covers; a same-class lock
   * taken in a method that orders its pair ({@code if (a.id() < b.id())}) or is itself {@code
   * @SortedAcquire} of that class; the sorted set's own pseudo-lock; a held lock that an alien
   * call of the method took (an implementation that returns with its own lock held, as a lock
   * guard would, the next call on it re-enters: the lock is the alien object's, not the method's); and locks known only from a large
   * component's shared summary (see {@code SummaryComputer}), which is all a handler chosen by
   * class hierarchy in such a component shows.
   */
  public List<Fault> faults(
      MethodFacts f, LockEvent.Call c, Reach r, Map<MethodInfo, Effects> effects) {
    List<Fault> out = new ArrayList<>();
    String sorted = f.method().annotations().value(LockApi.SORTED_ACQUIRE);
    Set<TraceStep> own = ownAlienSteps(f);
    List<Held> held = new ArrayList<>();
    for (Held h : c.held()) if (!h.isSortedSet() && !through(h.how(), own)) held.add(h);
    List<MethodInfo> handedIn = new ArrayList<>();
    for (MethodInfo handler : r.site().handlers()) {
      if (effects.get(handler) != null && mayBeHandedIn(handler, f.method(), r.site())) {
        handedIn.add(handler);
      }
    }
    Map<String, Integer> taking = takingEachClass(handedIn, effects);
    int implementations = (int) handedIn.stream().filter(m -> !m.isAbstract()).count();
    int locking = taking.getOrDefault(ANY_LOCK, 0);
    for (MethodInfo handler : handedIn) {
      Effects e = effects.get(handler);
      for (Effects.Acquire a : e.acquires()) {
        String cls = a.lock().lockClass();
        if (a.approximate() || c.covered().contains(cls)) continue;
        Confidence chosen = FindingConfidence.ofHandler(implementations, locking, taking.get(cls));
        // A guess into a large recursive component sees only its shared summary, as a call does.
        if (e.seenThrough(chosen) != e) continue;
        for (Held h : held) {
          if (handler.isLambda() && isParameterLock(h)) continue;
          boolean same = h.lock().lockClass().equals(cls);
          if (same && (f.orderingGuard() || cls.equals(sorted))) continue;
          out.add(new Fault(h, r, handler, a, same, chosen));
        }
      }
    }
    out.sort(Comparator.comparing((Fault x) -> !x.sameClass())
        .thenComparing(x -> x.chosen() != Confidence.HIGH)
        .thenComparingInt(x -> held.indexOf(x.held()))
        .thenComparingInt(x -> Witness.length(x.acquire().witness())));
    return out;
  }

  /**
   * For each lock class, how many of the concrete {@code handlers} take it (on a known path),
   * and under {@link #ANY_LOCK} how many take some lock.
   */
  private static Map<String, Integer> takingEachClass(
      List<MethodInfo> handlers, Map<MethodInfo, Effects> effects) {
    Map<String, Integer> out = new HashMap<>();
    for (MethodInfo handler : handlers) {
      if (handler.isAbstract()) continue;
      Set<String> classes = new HashSet<>();
      for (Effects.Acquire a : effects.get(handler).acquires()) {
        if (!a.approximate()) classes.add(a.lock().lockClass());
      }
      if (!classes.isEmpty()) classes.add(ANY_LOCK);
      for (String cls : classes) out.merge(cls, 1, Integer::sum);
    }
    return out;
  }

  /** The key of {@link #takingEachClass} that counts the handlers taking some lock. */
  private static final String ANY_LOCK = "";

  /**
   * Whether {@code handler}, an implementation the alien call {@code site} may run by the call
   * graph, is one the object there can be when {@code holder} holds the lock. A named class's
   * method of the called name: yes, that is what a caller hands in (another file's channel). A
   * lambda, a method reference or an anonymous or local class is an object the program makes
   * itself, bound to the interface wherever it is used ({@code CallGraph} dispatches every {@code
   * Runnable.run} to every {@code Runnable} lambda of the program): only a lambda written in a
   * method that calls the lock holder or the method making the call (so that it may well be the
   * object handed in: {@code from.read(b -> to.append(b))}). On h2, kafka-clients and bookkeeper
   * the others were all unrelated callbacks (docs/evaluation.md, Alien calls).
   */
  private boolean mayBeHandedIn(MethodInfo handler, MethodInfo holder, Site site) {
    if (handler.isLambda()) {
      Set<MethodInfo> callees = graph.callees(handler.enclosing());
      return callees.contains(holder) || callees.contains(site.method());
    }
    String name = site.callee().substring(site.callee().lastIndexOf('.') + 1);
    return handler.name().equals(name) && !LOCAL_CLASS.matcher(handler.owner().fqn()).find();
  }

  /**
   * A lock on an object the caller handed in ({@code synchronized (obj)} on a parameter). A caller
   * that hands in both the object and a lambda it wrote, the condition-wait idiom ({@code
   * time.waitObject(this, () -> ready())}, Kafka's {@code SystemTime.waitObject}), locks that very
   * object in its lambda: re-entry, which orders nothing.
   */
  private static boolean isParameterLock(Held h) {
    String id = h.lock().identity();
    int end = id.indexOf('.');
    String root = end < 0 ? id : id.substring(0, end);
    return root.length() > 1 && root.charAt(0) == 'p'
        && root.substring(1).chars().allMatch(Character::isDigit);
  }

  /** The name of an anonymous or local class: {@code Outer$1}, {@code Outer$1Local}. */
  private static final Pattern LOCAL_CLASS = Pattern.compile("\\$\\d");

  /** The steps of the alien calls {@code f}'s method makes itself, on any of its parameters. */
  private Set<TraceStep> ownAlienSteps(MethodFacts f) {
    Set<TraceStep> out = new LinkedHashSet<>();
    for (LockEvent e : f.events()) {
      if (e instanceof LockEvent.Call c && c.supplied() != null) {
        for (Site site : sitesOf(f.method(), c)) out.add(plainStep(site));
      }
    }
    return out;
  }

  private static TraceStep plainStep(Site site) {
    return new TraceStep(site.at(), "calls `" + site.display() + "`");
  }

  /** Whether {@code w} passes through one of {@code steps}. */
  public static boolean through(Witness w, Set<TraceStep> steps) {
    for (Witness x = w; x != null; x = x.next()) if (steps.contains(x.step())) return true;
    return false;
  }

  /** The steps through alien calls the plain lock-order rules must leave to this rule. */
  public static Set<TraceStep> plainSteps(List<Reach> reaches) {
    Set<TraceStep> out = new LinkedHashSet<>();
    for (Reach r : reaches) out.add(plainStep(r.site()));
    return out;
  }

  private boolean update(MethodInfo m) {
    MethodFacts f = facts.get(m);
    if (f == null) return false;
    boolean changed = false;
    for (LockEvent e : f.events()) {
      if (!(e instanceof LockEvent.Call c) || c.supplied() == null) continue;
      for (Site site : sitesOf(m, c)) changed |= expose(m, site.parameter(), site, null);
      Witness step = null;
      for (MethodInfo t : c.targets()) {
        for (Exposure x : List.copyOf(exposures.getOrDefault(t, List.of()))) {
          int p = c.supplied().arg(x.parameter());
          if (p < 0) continue;
          if (step == null) step = Witness.of(new TraceStep(c.at(), "calls `" + c.callee() + "`"));
          TraceStep through =
              step.step().atMost(FindingConfidence.ofCall(c, t));
          changed |= expose(m, p, x.site(), Witness.cons(through, x.path()));
        }
      }
    }
    return changed;
  }

  /** Records that {@code m}'s parameter {@code p} reaches {@code site} through {@code path}. */
  private boolean expose(MethodInfo m, int p, Site site, Witness path) {
    List<Exposure> known = exposures.computeIfAbsent(m, k -> new ArrayList<>());
    int count = 0;
    for (int i = 0; i < known.size(); i++) {
      Exposure x = known.get(i);
      if (x.parameter() != p) continue;
      count++;
      if (x.site() == site) {
        if (!Witness.better(path, x.path())) return false;
        known.set(i, new Exposure(p, site, path));
        return true;
      }
    }
    if (count >= MAX_PER_PARAMETER) return false;
    known.add(new Exposure(p, site, path));
    return true;
  }

  /** The alien calls {@code c} of {@code m} itself is: on its receiver, or through a JDK copy. */
  private List<Site> sitesOf(MethodInfo m, LockEvent.Call c) {
    return sites.computeIfAbsent(c, k -> find(m, c));
  }

  private List<Site> find(MethodInfo m, LockEvent.Call c) {
    Supplied s = c.supplied();
    List<Site> out = new ArrayList<>();
    if (s.receiver() >= 0 && !c.name().equals("<init>") && !AlienTypes.isObjectMethod(c.name())
        && AlienTypes.isAlien(c.receiverType(), index) && !c.targets().isEmpty()) {
      out.add(new Site(c.at(), m, simple(c.receiverType()) + "." + c.name(), c.receiverType(),
          s.receiver(), null, c.targets(), c.callee()));
    }
    if (AlienTypes.isJdkCopy(c.libraryType(), c.name())) {
      for (int i = 0; i < s.args().size(); i++) {
        String type = s.argTypes().get(i);
        if (s.arg(i) < 0 || !AlienTypes.isAlien(type, index)) continue;
        String copy = AlienTypes.copyMethodOf(type, index);
        if (copy == null) continue;
        Set<MethodInfo> handlers = new LinkedHashSet<>();
        // write(b) and write(b, off, len), read(b) and read(b, off, len): what JDK copies call.
        for (int argc : new int[] {1, 3}) {
          handlers.addAll(dispatch.targets(type, null, copy, argc, true));
        }
        if (handlers.isEmpty()) continue;
        out.add(new Site(c.at(), m, simple(type) + "." + copy, type, s.arg(i),
            simple(c.libraryType()) + "." + c.name(), List.copyOf(handlers), c.callee()));
      }
    }
    return out.isEmpty() ? List.of() : out;
  }

  private static String simple(String fqn) {
    return fqn.substring(fqn.lastIndexOf('.') + 1);
  }
}
