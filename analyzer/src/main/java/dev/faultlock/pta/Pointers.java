package dev.faultlock.pta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * The pointers of the analysis and their points-to sets, by dense int id (Tai-e's {@code
 * CSManager} without contexts): a method's variables as one block of ids (the variable's index
 * within its method added to the block's base) followed by its return value, an instance field
 * of an object (arrays: one element field per array object), a static field. Points-to sets are
 * compressed bitmaps of object ids, made only for pointers that get an object.
 */
final class Pointers {
  /** The field id of an array object's elements. */
  static final int ELEMENT = 0;

  private RoaringBitmap[] pts = new RoaringBitmap[1024];
  /**
   * Per pointer, the pointer whose set it shares (union-find; itself unless a copy cycle was
   * collapsed into another, {@link CopyCycles}): only a representative's entry of {@link #pts}
   * is used.
   */
  private int[] rep = new int[1024];
  /** Per pointer, the next member of its representative's class, a circular list. */
  private int[] nextMember = new int[1024];
  /** Per pointer, the type (id) its objects must fit, or -1 ({@link Types#filter}). */
  private int[] filter = new int[1024];
  /** For a variable's pointer, the id of its method; -1 for fields. */
  private int[] methodOf = new int[1024];
  private int size;
  private final Map<String, Integer> fieldIds = new HashMap<>();
  private final List<String> fieldNames = new ArrayList<>();
  /** Per field id, the type (id) its pointers' objects must fit, or -1. */
  private int[] fieldFilter = new int[64];
  /** Per object id: its field pointers, as pairs (field id, pointer id). */
  private int[][] fieldsOf = new int[256][];
  private final Map<Integer, Integer> statics = new HashMap<>();
  /**
   * Per object id, the filter of its elements if it is an array: its element type (storing
   * anything else throws {@code ArrayStoreException}), or -1. Set by the solver, which knows
   * the objects.
   */
  private java.util.function.IntUnaryOperator elementFilter = o -> -1;

  void elementFilter(java.util.function.IntUnaryOperator f) {
    elementFilter = f;
  }

  Pointers() {
    fieldIds.put("[]", ELEMENT);
    fieldNames.add("[]");
    fieldFilter[ELEMENT] = -1;
  }

  /** A block of {@code count} variable pointers plus one return pointer; its base id. */
  int block(int method, int count) {
    int base = size;
    for (int i = 0; i <= count; i++) add(method);
    return base;
  }

  private int add(int method) {
    if (size == methodOf.length) {
      methodOf = Arrays.copyOf(methodOf, size * 2);
      pts = Arrays.copyOf(pts, size * 2);
      filter = Arrays.copyOf(filter, size * 2);
      rep = Arrays.copyOf(rep, size * 2);
      nextMember = Arrays.copyOf(nextMember, size * 2);
    }
    rep[size] = size;
    nextMember[size] = size;
    methodOf[size] = method;
    filter[size] = -1;
    return size++;
  }

  /** The id of field {@code owner.name}; {@code filter}: the type its objects must fit, or -1. */
  int field(String owner, String name, int filter) {
    String key = owner + '.' + name;
    Integer id = fieldIds.get(key);
    if (id == null) {
      id = fieldNames.size();
      fieldIds.put(key, id);
      fieldNames.add(key);
      if (id >= fieldFilter.length) fieldFilter = Arrays.copyOf(fieldFilter, id * 2);
      fieldFilter[id] = filter;
    }
    return id;
  }

  /** A field the models or the solver make up: it admits every object. */
  int field(String owner, String name) {
    return field(owner, name, -1);
  }

  String fieldName(int field) {
    return fieldNames.get(field);
  }

  /** The pointer of field {@code field} of object {@code obj}. */
  int instanceField(int obj, int field) {
    if (obj >= fieldsOf.length) fieldsOf = Arrays.copyOf(fieldsOf, Math.max(obj + 1, fieldsOf.length * 2));
    int[] pairs = fieldsOf[obj];
    if (pairs != null) {
      for (int i = 0; i < pairs.length && pairs[i + 1] >= 0; i += 2) {
        if (pairs[i] == field) return pairs[i + 1];
      }
    }
    int p = add(-1);
    filter[p] = field == ELEMENT ? elementFilter.applyAsInt(obj) : fieldFilter[field];
    if (pairs == null) {
      pairs = new int[4];
      Arrays.fill(pairs, -1);
    } else if (pairs[pairs.length - 1] >= 0) {
      int old = pairs.length;
      pairs = Arrays.copyOf(pairs, old * 2);
      Arrays.fill(pairs, old, pairs.length, -1);
    }
    int free = 0;
    while (pairs[free + 1] >= 0) free += 2;
    pairs[free] = field;
    pairs[free + 1] = p;
    fieldsOf[obj] = pairs;
    return p;
  }

  /**
   * The pointers of {@code obj}'s fields named {@code name} (declared in any class), without
   * making any: a query of the finished solution.
   */
  void fieldsNamed(int obj, String name, java.util.function.IntConsumer out) {
    int[] pairs = obj < fieldsOf.length ? fieldsOf[obj] : null;
    if (pairs == null) return;
    for (int i = 0; i < pairs.length && pairs[i + 1] >= 0; i += 2) {
      String f = fieldNames.get(pairs[i]);
      if (f.endsWith(name) && f.length() > name.length() && f.charAt(f.length() - name.length() - 1) == '.') {
        out.accept(pairs[i + 1]);
      }
    }
  }

  /** What {@link #forEachFieldPointer} is handed: an object's field and its pointer. */
  interface FieldPointer {
    void accept(int obj, int field, int pointer);
  }

  /** Every instance field pointer made so far, by object. */
  void forEachFieldPointer(FieldPointer out) {
    for (int o = 0; o < fieldsOf.length; o++) {
      int[] pairs = fieldsOf[o];
      if (pairs == null) continue;
      for (int i = 0; i < pairs.length && pairs[i + 1] >= 0; i += 2) out.accept(o, pairs[i], pairs[i + 1]);
    }
  }

  /** The pointer of static field {@code owner.name}, or -1 when no code reads or writes it. */
  int existingStatic(String owner, String name) {
    Integer f = fieldIds.get(owner + '.' + name);
    Integer p = f == null ? null : statics.get(f);
    return p == null ? -1 : p;
  }

  /** A pointer of no variable or field: what a model passes between two of its effects. */
  int fresh() {
    return add(-1);
  }

  int staticField(int field) {
    return statics.computeIfAbsent(field, f -> {
      int p = add(-1);
      filter[p] = fieldFilter[f];
      return p;
    });
  }

  void setFilter(int pointer, int type) {
    filter[pointer] = type;
  }

  int filter(int pointer) {
    return filter[pointer];
  }

  /** The method a variable's pointer belongs to, or -1. */
  int methodOf(int pointer) {
    return methodOf[pointer];
  }

  /** The points-to set of {@code pointer}: never {@code null}, shared (do not modify). */
  RoaringBitmap pointsTo(int pointer) {
    RoaringBitmap s = pts[rep(pointer)];
    return s == null ? EMPTY : s;
  }

  /**
   * Adds {@code delta} (disjoint from the set) to the set of {@code pointer}: a few objects one
   * by one into a large set (an insertion shifts the set's sorted array once; a union builds it
   * anew, and on java.base those unions were a fifth of the solve).
   */
  void addAll(int pointer, RoaringBitmap delta) {
    int r = rep(pointer);
    RoaringBitmap s = pts[r];
    if (s == null) pts[r] = delta.clone();
    else if ((long) delta.getCardinality() * 64 < s.getCardinality()) delta.forEach((int o) -> s.add(o));
    else s.or(delta);
  }

  /** The representative whose set {@code pointer} shares (path halving). */
  int rep(int pointer) {
    int p = pointer;
    while (rep[p] != p) {
      rep[p] = rep[rep[p]];
      p = rep[p];
    }
    return p;
  }

  /** The next member of {@code pointer}'s class; a class's members form a cycle. */
  int nextMember(int pointer) {
    return nextMember[pointer];
  }

  /**
   * Makes representative {@code other} and its class share representative {@code into}'s set
   * (both of one filter); {@code other}'s own set is dropped, the caller unites them ({@link
   * #share}).
   */
  void merge(int into, int other) {
    rep[other] = into;
    pts[other] = null;
    int n = nextMember[into];
    nextMember[into] = nextMember[other];
    nextMember[other] = n;
  }

  /** Makes {@code set} (a superset of the old one) representative {@code r}'s class's set. */
  void share(int r, RoaringBitmap set) {
    pts[r] = set;
  }

  int size() {
    return size;
  }

  int fieldCount() {
    return fieldNames.size();
  }

  /** Every points-to fact: the sum of the sets' sizes. */
  long facts() {
    long n = 0;
    for (int i = 0; i < size; i++) n += pointsTo(i).getLongCardinality();
    return n;
  }

  static final RoaringBitmap EMPTY = new RoaringBitmap();
}
