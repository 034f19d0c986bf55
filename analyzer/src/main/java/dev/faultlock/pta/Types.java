package dev.faultlock.pta;

import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * Types by dense id, and which objects a type admits: what a cast lets through, and what a
 * variable of a declared type may hold (the IR is typed as the source is, so an object no
 * variable of that type can hold never flows there: Spark's declared-type filtering). The program
 * index knows program and library supertypes; a type it cannot place admits everything (an
 * unknown type must not lose objects). A symbolic object stands for any object of a subtype of
 * its declared type, so it passes a cast to a subtype as well as to a supertype.
 */
final class Types {
  private final ProgramIndex index;
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  Types(ProgramIndex index) {
    this.index = index;
    // Id 0 is no type: PROGRAM.
    names.add(null);
    ids.put("?program", PROGRAM);
  }

  int id(String type) {
    Integer id = ids.get(type);
    if (id == null) {
      id = names.size();
      ids.put(type, id);
      names.add(type);
    }
    return id;
  }

  /**
   * Whether an object of type {@code objectType} (symbolic: standing for any subtype of it) can
   * be held by a variable or cast of type {@code type}.
   */
  private boolean admits(String type, String objectType, boolean symbolic) {
    if (type == null || objectType == null || type.equals(objectType) || type.equals("java.lang.Object")) return true;
    return assignable(objectType, type) || symbolic && assignable(type, objectType);
  }

  /**
   * {@link #admits} for a kind of object, with what it needs of the kind's type looked up once
   * (every new filter asks every kind: on java.base 7 % of the solve went to these lookups).
   */
  private boolean admits(String type, Kind k) {
    if (k.ancestors == null || type == null || type.endsWith("[]")) return admits(type, k.type, k.symbolic);
    if (type.equals(k.type) || type.equals("java.lang.Object") || k.ancestors.contains(type)) return true;
    if (!k.placed || !placed(type)) return true;
    return k.symbolic && (k.type.equals("java.lang.Object") || index.isSubtype(type, k.type));
  }

  /** Java's assignability on erased types; a type the index cannot place is assignable. */
  private boolean assignable(String from, String to) {
    if (from.equals(to) || to.equals("java.lang.Object")) return true;
    boolean fromArray = from.endsWith("[]");
    if (to.endsWith("[]")) {
      if (!fromArray) return !placed(from);
      String f = from.substring(0, from.length() - 2);
      String e = to.substring(0, to.length() - 2);
      return !Types.isPrimitive(f) && !Types.isPrimitive(e) && assignable(f, e) || f.equals(e);
    }
    if (fromArray) return to.equals("java.lang.Cloneable") || to.equals("java.io.Serializable") || !placed(to);
    return index.isSubtype(from, to) || !placed(from) || !placed(to);
  }

  private boolean placed(String type) {
    return index.type(type) != null || index.library().exists(type);
  }

  /**
   * The id of {@code type} as a filter on what a variable of it may hold, or -1 when it admits
   * every object ({@code Object}, unknown or unplaceable types).
   */
  int filter(String type) {
    if (type == null || type.equals("java.lang.Object") || isPrimitive(type)) return -1;
    String element = type;
    while (element.endsWith("[]")) element = element.substring(0, element.length() - 2);
    if (!isPrimitive(element) && !element.equals("java.lang.Object") && !placed(element)) return -1;
    return id(type);
  }

  /**
   * The objects of {@code heap} type {@code type} admits, kept up to date as objects are made.
   * Decided once per pair of filter type and kind of object (its type, symbolic or not), never
   * per object: objects are grouped by kind, and each kind knows the filters that admit it.
   */
  RoaringBitmap admitted(int type, Heap heap) {
    for (; grouped < heap.size(); grouped++) group(heap.get(grouped));
    if (type == PROGRAM) return program;
    while (admitted.size() <= type) admitted.add(null);
    RoaringBitmap a = admitted.get(type);
    if (a == null) {
      admitted.set(type, a = new RoaringBitmap());
      String name = names.get(type);
      boolean regular = isProgramClass(name);
      if (regular) filters.add(type);
      else irregularFilters.add(type);
      for (Kind k : regular ? candidateKinds(name) : kinds.values()) {
        if (admits(name, k)) {
          k.admitters.add(type);
          a.or(k.objects);
        }
      }
    }
    return a;
  }

  /**
   * The kinds a filter of program class {@code type} may admit, a superset of those it does:
   * its own and its subtypes' objects, the symbolic objects of its supertypes (any of which may
   * be one of it), and the irregular kinds. Asking every kind made deciding the filters a third
   * of the solve on java.base (thousands of filters times thousands of kinds).
   */
  private List<Kind> candidateKinds(String type) {
    List<Kind> out = new ArrayList<>(irregularKinds);
    out.addAll(byType.getOrDefault(type, List.of()));
    for (TypeInfo sub : index.subtypes(type)) out.addAll(byType.getOrDefault(sub.fqn(), List.of()));
    for (String a : index.ancestors(type)) {
      for (Kind k : byType.getOrDefault(a, List.of())) if (k.symbolic) out.add(k);
    }
    return out;
  }

  /** The filters that may admit kind {@code k} of a program class, as {@link #candidateKinds}. */
  private List<Integer> candidateFilters(Kind k) {
    if (k.symbolic && k.type.equals("java.lang.Object")) return allFilters();
    List<Integer> out = new ArrayList<>(irregularFilters);
    addFilter(k.type, out);
    for (String a : k.ancestors) addFilter(a, out);
    if (k.symbolic) for (TypeInfo sub : index.subtypes(k.type)) addFilter(sub.fqn(), out);
    return out;
  }

  private void addFilter(String type, List<Integer> out) {
    Integer id = ids.get(type);
    if (id != null && id < admitted.size() && admitted.get(id) != null && isProgramClass(type)) out.add(id);
  }

  /** A class or interface of the program, not an array: what the candidate lookups cover. */
  private boolean isProgramClass(String type) {
    return type != null && !type.endsWith("[]") && index.type(type) != null;
  }

  private void group(Obj o) {
    String key = (o.isSymbolic() ? "?" : "") + o.type();
    Kind k = kinds.get(key);
    if (k == null) {
      kinds.put(key, k = new Kind(o.type(), o.isSymbolic(), this));
      if (k.programClass) byType.computeIfAbsent(o.type(), t -> new ArrayList<>(2)).add(k);
      else irregularKinds.add(k);
      for (int f : k.programClass ? candidateFilters(k) : allFilters()) if (admits(names.get(f), k)) k.admitters.add(f);
    }
    k.objects.add(o.id());
    for (int f : k.admitters) admitted.get(f).add(o.id());
    if (!o.isSymbolic()) program.add(o.id());
  }

  private List<Integer> allFilters() {
    List<Integer> all = new ArrayList<>(filters);
    all.addAll(irregularFilters);
    return all;
  }

  /** Objects of one type, symbolic or not, and the filters that admit them. */
  private static final class Kind {
    final String type;
    final boolean symbolic;
    final RoaringBitmap objects = new RoaringBitmap();
    final List<Integer> admitters = new ArrayList<>();

    /** For a class type (not an array, not unknown): its supertypes, and whether it is placed. */
    final java.util.Set<String> ancestors;
    final boolean placed;
    /** Of a program class: the filters that may admit it are found by type ({@link #candidateFilters}). */
    final boolean programClass;

    Kind(String type, boolean symbolic, Types types) {
      this.type = type;
      this.symbolic = symbolic;
      boolean plain = type != null && !type.endsWith("[]");
      this.placed = plain && types.placed(type);
      this.ancestors = plain ? types.index.ancestors(type) : null;
      this.programClass = types.isProgramClass(type);
    }
  }

  /** The filter that admits every object but the symbolic ones: what the program makes. */
  static final int PROGRAM = 0;

  private final RoaringBitmap program = new RoaringBitmap();
  private final List<RoaringBitmap> admitted = new ArrayList<>();
  /** The filters of program classes; the others (arrays, library and unknown types) apart. */
  private final List<Integer> filters = new ArrayList<>();
  private final List<Integer> irregularFilters = new ArrayList<>();
  private final Map<String, Kind> kinds = new HashMap<>();
  /** The kinds of program classes by type; the others (arrays, library, unknown) apart. */
  private final Map<String, List<Kind>> byType = new HashMap<>();
  private final List<Kind> irregularKinds = new ArrayList<>();
  private int grouped;

  /** A primitive type holds no object: no pointer is made for it. */
  static boolean isPrimitive(String type) {
    return type != null && type.indexOf('.') < 0 && !type.endsWith("]")
        && Character.isLowerCase(type.charAt(0));
  }
}
