package dev.faultlock.callgraph;

import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Class-hierarchy analysis: the program methods a virtual or interface call may run. A call on a
 * receiver of static type {@code T} reaches the method {@code T} selects and every override in
 * a program subtype of {@code T}, including program classes that implement library interfaces
 * (a call on {@code WritableByteChannel.write} reaches the program's own channels). Answers are
 * shared between call sites, so a program with many calls on one interface pays once.
 *
 * <p>Two narrowings keep class-hierarchy analysis from tying unrelated code together, each
 * trading a rare real target for many false ones (docs/evaluation.md, cause 2):
 *
 * <ul>
 *   <li><b>Delegation.</b> A method {@code C.m} that calls {@code m} on an object it keeps in a
 *       field, whose static type is a proper supertype of {@code C} ({@code itr.next()} inside an
 *       iterator, {@code fileObject.close()} inside a {@code FileObject} decorator), is taken to
 *       forward to the object it wraps, not to another {@code C}: {@code C.m} and its overrides
 *       in subclasses of {@code C} are not targets ({@link #delegated}). Missed: a decorator
 *       wrapping another instance of its own class. A parameter or local receiver is not
 *       narrowed ({@code copyFrom(Store src)} calling {@code src.copyFrom} may well reach
 *       another {@code C}).
 *   <li><b>Receivers typed {@code Object}.</b> A call on a receiver typed {@code Object} (mostly
 *       an erased type variable: {@code E e; e.equals(x)}) could be any object at all;
 *       dispatching it to every {@code equals}/{@code hashCode}/{@code toString} of the program
 *       ties every generic container to every class. It runs the method it selects and, for
 *       those three, the implementation the caller's class declares and its subclasses' overrides
 *       ({@link #objectMethod}): the other object may be one of the caller's kind, which is the
 *       real hazard of synchronized collections ({@code Vector.indexOf(o)} runs {@code
 *       o.equals}, which is {@code Vector.equals} locking {@code o} while {@code this} is held).
 *       Missed: an unrelated class's {@code equals} taking locks under the caller's.
 * </ul>
 *
 * <p>Calls on views and iterators a JDK collection returns ({@code map.entrySet().iterator()})
 * are narrowed by the caller, which knows the receiver is the JDK's own object.
 */
public final class Dispatch {
  private final ProgramIndex index;
  private final ConcurrentHashMap<String, List<MethodInfo>> overrides = new ConcurrentHashMap<>();

  public Dispatch(ProgramIndex index) {
    this.index = index;
  }

  /**
   * The program methods a call may run.
   *
   * @param receiverType static type of the receiver, fully qualified
   * @param selected the method the call selects in the program, or {@code null} when the
   *     program does not declare it (a library method)
   * @param virtual false for {@code super.m()} and other calls that cannot dispatch
   */
  public List<MethodInfo> targets(
      String receiverType, MethodInfo selected, String name, int argc, boolean virtual) {
    if (selected != null && (!virtual || selected.isNonVirtual())) return List.of(selected);
    // A receiver typed Object: see the class comment and objectMethod.
    if (receiverType == null || receiverType.equals("java.lang.Object")) {
      return selected == null ? List.of() : List.of(selected);
    }
    List<MethodInfo> subs = overrides(receiverType, name, argc);
    if (selected == null) return subs;
    if (subs.isEmpty()) return List.of(selected);
    Set<MethodInfo> out = new LinkedHashSet<>();
    out.add(selected);
    for (MethodInfo m : subs) {
      if (m.writtenParameterTypes().equals(selected.writtenParameterTypes())
          && index.isSubtype(m.owner().fqn(), selected.owner().fqn())) {
        out.add(m);
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@code targets} of a call of {@code name} with {@code argc} arguments on an object {@code
   * caller} keeps in a field, of static type {@code receiverType}, without the caller's own
   * implementation when the call is delegation (see the class comment).
   */
  public List<MethodInfo> delegated(
      List<MethodInfo> targets, String receiverType, MethodInfo caller, String name, int argc) {
    String wrapper = caller.owner().fqn();
    if (!caller.name().equals(name) || caller.arity() != argc || caller.isStatic()
        || receiverType == null || receiverType.equals(wrapper)
        || !index.isSubtype(wrapper, receiverType)) {
      return targets;
    }
    List<MethodInfo> out = new ArrayList<>(targets.size());
    for (MethodInfo t : targets) if (!index.isSubtype(t.owner().fqn(), wrapper)) out.add(t);
    return out.size() == targets.size() ? targets : List.copyOf(out);
  }

  /**
   * The program methods a call of {@code equals}, {@code hashCode} or {@code toString} on a
   * receiver typed {@code Object}, made in {@code caller}, may run besides the one it selects:
   * the implementation the caller's class declares and the overrides in its subclasses.
   */
  public List<MethodInfo> objectMethod(MethodInfo caller, String name, int argc) {
    if (!OBJECT_METHODS.contains(name + '/' + argc)) return List.of();
    TypeInfo owner = caller.owner();
    Set<MethodInfo> out = new LinkedHashSet<>();
    // Declared by the caller's class itself: an implementation inherited from a superclass
    // (HashMap's AbstractMap.equals) would tie every map operation to every map's equals.
    MethodInfo own = index.findMethod(owner, name, argc, Collections.nCopies(argc, null));
    if (own != null && own.owner() == owner && overridesObject(own)) out.add(own);
    for (MethodInfo m : overrides(owner.fqn(), name, argc)) if (overridesObject(m)) out.add(m);
    return List.copyOf(out);
  }

  private static final Set<String> OBJECT_METHODS = Set.of("equals/1", "hashCode/0", "toString/0");

  private static boolean overridesObject(MethodInfo m) {
    return !m.isStatic()
        && (m.arity() == 0 || "java.lang.Object".equals(m.parameterTypes().get(0)));
  }

  /** Program methods named {@code name} with {@code argc} parameters in strict subtypes of {@code type}. */
  private List<MethodInfo> overrides(String type, String name, int argc) {
    return overrides.computeIfAbsent(
        type + '#' + name + '/' + argc,
        k -> {
          List<MethodInfo> out = new ArrayList<>();
          for (MethodInfo m : index.methodsNamed(name, argc)) {
            TypeInfo owner = m.owner();
            if (!m.isStatic() && !m.isConstructor() && owner.ancestors().contains(type)) {
              out.add(m);
            }
          }
          return List.copyOf(out);
        });
  }
}
