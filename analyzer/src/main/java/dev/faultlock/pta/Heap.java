package dev.faultlock.pta;

import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The heap model: which abstract object each way of making one gives (Tai-e's {@code HeapModel}).
 * Allocation sites and function objects by their statement, constants by literal type or class,
 * symbolic objects by declared type and what they stand for, so that the number of objects is
 * bounded by the program's text, never by its paths.
 */
final class Heap {
  private final List<Obj> objects = new ArrayList<>();
  private final Map<Object, Obj> interned = new HashMap<>();

  /** A key of one statement of one method: the method by identity, the statement by index. */
  private record Site(MethodInfo method, int stmt, String what) {}

  private record Symbol(String type, String path) {}

  Obj allocation(MethodInfo method, int stmt, String type, int line) {
    return intern(new Site(method, stmt, "new"), Obj.Kind.NEW, type, method, line, null, List.of());
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
    return intern("\"string\"", Obj.Kind.CONSTANT, "java.lang.String", null, 0, "\"string\"", List.of());
  }

  /** {@code T.class}: one object per class named. */
  Obj classLiteral(String text) {
    return intern(text, Obj.Kind.CONSTANT, "java.lang.Class", null, 0, text, List.of());
  }

  Obj symbolic(String type, String path) {
    return intern(new Symbol(type, path), Obj.Kind.SYMBOLIC, type, null, 0, path, List.of());
  }

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
