package dev.faultlock.pta;

import dev.faultlock.source.ProgramIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Types by dense id, and which objects a type admits: what a cast lets through. The program
 * index knows program and library supertypes; a type it cannot place admits everything (an
 * unknown type must not lose objects). A symbolic object stands for any object of a subtype of
 * its declared type, so it passes a cast to a subtype as well as to a supertype.
 */
final class Types {
  private final ProgramIndex index;
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private final Map<Long, Boolean> admits = new HashMap<>();

  Types(ProgramIndex index) {
    this.index = index;
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

  /** Whether {@code o} may be cast to type {@code type} (an id) without failing. */
  boolean admits(int type, Obj o) {
    String t = names.get(type);
    if (t == null || o.type() == null || t.equals(o.type()) || t.equals("java.lang.Object")) return true;
    long key = ((long) type << 32) | (o.isSymbolic() ? 1L << 31 : 0) | id(o.type());
    Boolean known = admits.get(key);
    if (known == null) {
      known = index.isSubtype(o.type(), t)
          || o.isSymbolic() && index.isSubtype(t, o.type())
          || !placed(o.type()) || !placed(t);
      admits.put(key, known);
    }
    return known;
  }

  private boolean placed(String type) {
    return type.endsWith("[]") || index.type(type) != null || index.library().exists(type);
  }

  /** A primitive type holds no object: no pointer is made for it. */
  static boolean isPrimitive(String type) {
    return type != null && type.indexOf('.') < 0 && !type.endsWith("]")
        && Character.isLowerCase(type.charAt(0));
  }
}
