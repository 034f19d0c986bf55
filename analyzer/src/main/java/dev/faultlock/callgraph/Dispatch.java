package dev.faultlock.callgraph;

import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
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
    // A receiver typed Object (mostly an erased type variable: `E e; e.equals(x)`) could be any
    // object at all; dispatching it to every equals/hashCode/toString of the program would tie
    // every generic container to every class, so it runs only the method it selects.
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
