package dev.faultlock.suggest;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.findings.Location;
import dev.faultlock.locks.LockNames;
import dev.faultlock.source.FieldInfo;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code @LockClass} on the fields that keep the parts of one lock under different names.
 *
 * <p>What "locks of one kind" means decides whether a maintainer takes the suggestion. Lockdep
 * keys a lock class by where the lock is initialised, and the SPEC does the same: a lock belongs
 * to the class of where its object is created. Here fields hold locks of one kind when each of
 * them holds a different part of <em>one</em> allocation: the read half, the write half, or the
 * whole of one {@code ReadWriteLock} ({@code readLock = rw.readLock(); writeLock =
 * rw.writeLock();}). Named by field, as Error Prone names them, those are two lock classes, and
 * taking the write half while holding the read half, which deadlocks, looks like two unrelated
 * locks; with one class both passes see two locks of one class taken in no order.
 *
 * <p>Not one kind by this rule, though a reader might say so:
 * <ul>
 *   <li>Fields of one type, of one name in sibling classes, or locked by the overrides of one
 *       method: their objects are created apart, and one class would report every nesting of two
 *       distinct locks as two locks of one class taken in no order.
 *   <li>Two fields holding the <em>same</em> object (an alias, a constructor argument kept by
 *       another class): the analysis tells objects apart by name until points-to knows better,
 *       so one class would make a reentrant re-acquisition look like two locks of one class.
 * </ul>
 *
 * <p>The allocation is followed only where it is plain from one class's source: field
 * initialisers, constructors and initialisers, through locals and the class's own fields. A field
 * also assigned anywhere else, or from anything else, is left alone.
 */
final class LockClassAnnotations {
  private final ProgramIndex index;
  private final LockNames names;

  LockClassAnnotations(ProgramIndex index, LockNames names) {
    this.index = index;
    this.names = names;
  }

  List<Suggestion> suggest() {
    List<Suggestion> out = new ArrayList<>();
    for (TypeInfo t : index.types()) {
      if (t.node() instanceof TypeDeclaration<?> declaration) suggest(t, declaration, out);
    }
    return out;
  }

  /** Which part of a {@code ReadWriteLock} a field holds; {@code WHOLE} for any other lock. */
  private enum Part { WHOLE, READ, WRITE }

  /**
   * A part of an allocation, with the name a lock class created there gets ({@code
   * Owner.local}).
   */
  private record Site(ObjectCreationExpr creation, String name, Part part) {
    Site half(Part half) {
      return half == Part.WHOLE ? this : part == Part.WHOLE ? new Site(creation, name, half) : null;
    }
  }

  /** What another field of the class holds, or a half of it: resolved once every field is seen. */
  private record FieldRef(String field, Part part) {}

  /** Where a field's objects come from, in one class: one allocation, or it is not known. */
  private final class Origins {
    final TypeInfo type;
    /** Lock fields of the type, to the origins of what they are assigned; null once unknown. */
    final Map<String, List<Object>> assigned = new LinkedHashMap<>();

    Origins(TypeInfo type) {
      this.type = type;
      for (FieldInfo f : type.fields().values()) {
        if (isLockField(f)) assigned.put(f.name(), new ArrayList<>());
      }
    }

    void assign(String field, Object origin) {
      List<Object> list = assigned.get(field);
      if (list == null) return;
      if (origin == null) assigned.put(field, null);
      else list.add(origin);
    }

    /** The one allocation every object of {@code field} comes from, or {@code null}. */
    Site site(String field, Set<String> visiting) {
      List<Object> list = assigned.get(field);
      if (list == null || list.isEmpty() || !visiting.add(field)) return null;
      Site one = null;
      for (Object o : list) {
        Site s;
        if (o instanceof Site site) {
          s = site;
        } else {
          FieldRef ref = (FieldRef) o;
          Site whole = site(ref.field(), visiting);
          s = whole == null ? null : whole.half(ref.part());
        }
        if (s == null || one != null && (one.creation() != s.creation() || one.part() != s.part())) {
          return null;
        }
        one = s;
      }
      return one;
    }
  }

  private void suggest(TypeInfo t, TypeDeclaration<?> declaration, List<Suggestion> out) {
    Origins origins = new Origins(t);
    if (origins.assigned.size() < 2) return;
    Map<String, FieldDeclaration> declared = new HashMap<>();
    for (BodyDeclaration<?> member : declaration.getMembers()) {
      if (member instanceof FieldDeclaration field) {
        for (VariableDeclarator v : field.getVariables()) {
          declared.put(v.getNameAsString(), field);
          if (v.getInitializer().isPresent()) {
            origins.assign(v.getNameAsString(),
                origin(v.getInitializer().get(), Map.of(), Set.of(), t, v.getNameAsString()));
          }
        }
      } else if (member instanceof ConstructorDeclaration || member instanceof InitializerDeclaration) {
        initialisation(member, origins);
      } else if (member instanceof CallableDeclaration<?> method) {
        // Assigned after construction: what it holds is up to the callers.
        for (AssignExpr a : method.findAll(AssignExpr.class)) {
          String field = assignedField(a, Set.of(), Map.of());
          if (field != null) origins.assign(field, null);
        }
      }
    }
    Map<ObjectCreationExpr, List<String>> bySite = new IdentityHashMap<>();
    Map<ObjectCreationExpr, Site> sites = new IdentityHashMap<>();
    for (String field : origins.assigned.keySet()) {
      Site s = origins.site(field, new HashSet<>());
      if (s == null) continue;
      bySite.computeIfAbsent(s.creation(), c -> new ArrayList<>()).add(field);
      sites.put(s.creation(), s);
    }
    for (Map.Entry<ObjectCreationExpr, List<String>> e : bySite.entrySet()) {
      if (e.getValue().size() >= 2 && distinctParts(e.getValue(), origins)) {
        group(t, sites.get(e.getKey()), e.getValue(), declared, out);
      }
    }
  }

  /** Whether no two of {@code fields} hold the same part, the same object under two names. */
  private static boolean distinctParts(List<String> fields, Origins origins) {
    Set<Part> parts = new HashSet<>();
    for (String f : fields) {
      if (!parts.add(origins.site(f, new HashSet<>()).part())) return false;
    }
    return true;
  }

  /** Suggests one class for the fields of one allocation, unless they already say otherwise. */
  private void group(
      TypeInfo t, Site site, List<String> fields, Map<String, FieldDeclaration> declared,
      List<Suggestion> out) {
    Set<String> explicit = new TreeSet<>();
    for (String f : fields) {
      String v = t.fields().get(f).annotations().value(LockApi.LOCK_CLASS);
      if (v != null && !v.isEmpty()) explicit.add(v);
    }
    if (explicit.size() > 1) return;
    String lockClass = explicit.isEmpty() ? site.name() : explicit.iterator().next();
    for (String f : fields) {
      FieldDeclaration d = declared.get(f);
      FieldInfo info = t.fields().get(f);
      String v = info.annotations().value(LockApi.LOCK_CLASS);
      // One annotation covers every variable of a declaration: only when all of them are here,
      // and once, for its first.
      if (d == null || v != null && !v.isEmpty() || names.ofField(info).equals(lockClass)
          || d.getVariables().stream().anyMatch(x -> !fields.contains(x.getNameAsString()))
          || !d.getVariable(0).getNameAsString().equals(f)) {
        continue;
      }
      out.add(new Suggestion(d, LockApi.LOCK_CLASS, List.of(lockClass),
          new Location(t.file().shown(), info.line(), 0),
          t.name() + "." + f + " holds the lock created as " + site.name() + ", as "
              + String.join(", ", fields.stream().filter(x -> !x.equals(f)).toList()) + " does"));
    }
  }

  /** A constructor or initialiser: its locals' allocations and the fields it assigns. */
  private void initialisation(Node body, Origins origins) {
    Map<String, Object> locals = new HashMap<>();
    Set<String> parameters = new HashSet<>();
    if (body instanceof ConstructorDeclaration c) {
      c.getParameters().forEach(p -> parameters.add(p.getNameAsString()));
    }
    Set<String> reassigned = new HashSet<>();
    for (VariableDeclarator v : body.findAll(VariableDeclarator.class)) {
      String name = v.getNameAsString();
      if (locals.containsKey(name) || v.getInitializer().isEmpty()) reassigned.add(name);
      locals.put(name, v.getInitializer()
          .map(i -> origin(i, locals, parameters, origins.type, name)).orElse(null));
    }
    for (AssignExpr a : body.findAll(AssignExpr.class)) {
      if (a.getTarget() instanceof NameExpr n && locals.containsKey(n.getNameAsString())) {
        reassigned.add(n.getNameAsString());
      }
    }
    for (String r : reassigned) locals.put(r, null);
    for (AssignExpr a : body.findAll(AssignExpr.class)) {
      String field = assignedField(a, parameters, locals);
      if (field == null) continue;
      origins.assign(field, a.getOperator() == AssignExpr.Operator.ASSIGN
          ? origin(a.getValue(), locals, parameters, origins.type, field) : null);
    }
  }

  /** The field of this class {@code a} assigns ({@code f = ..}, {@code this.f = ..}), or null. */
  private static String assignedField(AssignExpr a, Set<String> parameters, Map<String, Object> locals) {
    Expression target = a.getTarget();
    if (target instanceof FieldAccessExpr fa && fa.getScope() instanceof ThisExpr th
        && th.getTypeName().isEmpty()) {
      return fa.getNameAsString();
    }
    if (target instanceof NameExpr n && !parameters.contains(n.getNameAsString())
        && !locals.containsKey(n.getNameAsString())) {
      return n.getNameAsString();
    }
    return null;
  }

  /**
   * Where the value of {@code e} comes from: a {@link Site}, a {@link FieldRef}, or
   * {@code null} when not plain from here. {@code name} names a lock created right there.
   */
  private Object origin(
      Expression e, Map<String, Object> locals, Set<String> parameters, TypeInfo t, String name) {
    if (e instanceof EnclosedExpr enclosed) return origin(enclosed.getInner(), locals, parameters, t, name);
    if (e instanceof CastExpr cast) return origin(cast.getExpression(), locals, parameters, t, name);
    if (e instanceof ObjectCreationExpr creation) {
      return creation.getAnonymousClassBody().isPresent()
          ? null
          : new Site(creation, t.name() + "." + name, Part.WHOLE);
    }
    if (e instanceof NameExpr n) {
      String id = n.getNameAsString();
      if (locals.containsKey(id)) return locals.get(id);
      if (parameters.contains(id)) return null;
      return t.fields().containsKey(id) ? new FieldRef(id, Part.WHOLE) : null;
    }
    if (e instanceof FieldAccessExpr fa && fa.getScope() instanceof ThisExpr th && th.getTypeName().isEmpty()) {
      return t.fields().containsKey(fa.getNameAsString())
          ? new FieldRef(fa.getNameAsString(), Part.WHOLE)
          : null;
    }
    if (e instanceof MethodCallExpr call && call.getArguments().isEmpty() && call.getScope().isPresent()
        && (call.getNameAsString().equals(LockApi.RW_READ) || call.getNameAsString().equals(LockApi.RW_WRITE))) {
      // The halves of one ReadWriteLock are parts of that lock (Error Prone's LockClasses keeps
      // the receiver's class for them too).
      Part half = call.getNameAsString().equals(LockApi.RW_READ) ? Part.READ : Part.WRITE;
      Object whole = origin(call.getScope().get(), locals, parameters, t, name);
      if (whole instanceof Site site) return site.half(half);
      if (whole instanceof FieldRef ref && ref.part() == Part.WHOLE) return new FieldRef(ref.field(), half);
      return null;
    }
    return null;
  }

  private boolean isLockField(FieldInfo f) {
    return f.type() != null && (names.isLockType(f.type()) || f.type().equals("java.lang.Object"));
  }
}
