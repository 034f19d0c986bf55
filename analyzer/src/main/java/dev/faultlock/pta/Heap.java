package dev.faultlock.pta;

import dev.faultlock.locks.LockNames;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.source.ProgramIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The heap model: which abstract object each way of making one gives (Tai-e's {@code HeapModel}).
 * Allocation sites and function objects by their statement, constants by literal type or class,
 * symbolic objects by declared type and what they stand for, so that the number of objects is
 * bounded by the program's text, never by its paths.
 *
 * <p>Objects of a few types are <b>merged</b>, one per type however many sites make them
 * (Tai-e's {@code merge-string-objects}, {@code merge-string-builders}, {@code
 * merge-exception-objects}; Doop merges the same): strings, {@code StringBuilder}s, arrays of
 * primitives or strings, and exceptions. No lock analysis tells two of them apart usefully (none
 * is a lock a program sorts; {@code StringBuffer}, which locks itself, is not merged), yet they
 * flow everywhere: on java.base they were a third of the solver's facts (every message string of
 * every exception, every {@code byte[]} handed through an {@code Object} field). Merging keeps
 * every set sound (the one object stands for all of its type) and dispatch exact (what runs on
 * an object depends on its type only).
 */
final class Heap {
  private final List<Obj> objects = new ArrayList<>();
  private final Map<Object, Obj> interned = new HashMap<>();
  private final ProgramIndex index;
  private final Map<String, Boolean> merges = new HashMap<>();

  Heap(ProgramIndex index) {
    this.index = index;
  }

  /** A key of one statement of one method: the method by identity, the statement by index. */
  private record Site(MethodInfo method, int stmt, String what) {}

  private record Symbol(String type, String path) {}

  private record Merged(String type) {}

  Obj allocation(MethodInfo method, int stmt, String type, int line) {
    if (merges(type)) return merged(type);
    return intern(new Site(method, stmt, "new"), Obj.Kind.NEW, type, method, line, null, List.of());
  }

  private Obj merged(String type) {
    return intern(new Merged(type), Obj.Kind.MERGED, type, null, 0, "every " + LockNames.simple(type), List.of());
  }

  /** Whether the objects of {@code type} are merged, one per type (see the class comment). */
  boolean merges(String type) {
    if (type == null) return false;
    return merges.computeIfAbsent(type, t -> {
      String element = t;
      while (element.endsWith("[]")) element = element.substring(0, element.length() - 2);
      if (!element.equals(t)) return Types.isPrimitive(element) || element.equals(STRING);
      return t.equals(STRING) || t.equals("java.lang.StringBuilder") || throwable(t);
    });
  }

  Obj function(MethodInfo method, int stmt, String type, int line, List<MethodInfo> body) {
    return intern(new Site(method, stmt, "fn"), Obj.Kind.FUNCTION, type, method, line, null, body);
  }

  /** An object a model makes at a statement ({@code what} tells two made at one apart). */
  Obj model(MethodInfo method, int stmt, String what, String type, int line) {
    return intern(new Site(method, stmt, what), Obj.Kind.MODEL, type, method, line, what, List.of());
  }

  /** Every string literal is one object: no lock analysis tells two of them apart usefully. */
  Obj string() {
    return intern("\"string\"", Obj.Kind.CONSTANT, STRING, null, 0, "\"string\"", List.of());
  }

  /** {@code T.class}: one object per class named. */
  Obj classLiteral(String text) {
    return intern(text, Obj.Kind.CONSTANT, "java.lang.Class", null, 0, text, List.of());
  }

  /**
   * An object the program does not create, one per declared type and what it stands for ({@code
   * path}); of a merged type other than an exception (strings, arrays of them or of primitives:
   * nothing in them is told apart), one per type, standing for {@code any}.
   */
  Obj symbolic(String type, String path) {
    String what = merges(type) && !throwable(type) ? "any" : path;
    return intern(new Symbol(type, what), Obj.Kind.SYMBOLIC, type, null, 0, what, List.of());
  }

  private boolean throwable(String type) {
    return index.isSubtype(type, "java.lang.Throwable");
  }

  private static final String STRING = "java.lang.String";

  private Obj intern(Object key, Obj.Kind kind, String type, MethodInfo method, int line, String path,
      List<MethodInfo> body) {
    Obj o = interned.get(key);
    if (o == null) {
      o = new Obj(objects.size(), kind, type, method, line, path, List.copyOf(body));
      objects.add(o);
      interned.put(key, o);
    }
    return o;
  }

  Obj get(int id) {
    return objects.get(id);
  }

  int size() {
    return objects.size();
  }
}
