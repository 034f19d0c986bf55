package dev.faultlock.source;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.faultlock.catalog.LockApi;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.TypeParameter;
import com.github.javaparser.ast.type.UnionType;
import com.github.javaparser.ast.type.UnknownType;
import com.github.javaparser.ast.type.VarType;
import com.github.javaparser.ast.type.VoidType;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every type, field and method of the program, with names resolved the way javac would for the
 * cases that matter to lock analysis: nested and inherited member types, single and on-demand
 * imports, the same package, {@code java.lang}. Library names are checked against the symbol
 * solver only when the program itself cannot decide.
 */
public final class ProgramIndex {
  private final LibraryTypes library;
  private final Map<String, TypeInfo> types = new HashMap<>();
  private final List<TypeInfo> ordered = new ArrayList<>();
  private final List<MethodInfo> methods = new ArrayList<>();
  private final Map<String, List<TypeInfo>> subtypes = new HashMap<>();
  private final Map<String, List<MethodInfo>> byNameArity = new HashMap<>();
  private final Set<String> packages = new HashSet<>();
  private final Set<String> methodReferences = new HashSet<>();
  private final ConcurrentHashMap<String, String> resolved = new ConcurrentHashMap<>();
  /** Local classes and records by their declaration, while the trees are kept; and their names. */
  private final Map<Node, TypeInfo> locals = new IdentityHashMap<>();
  private final Set<String> localNames = new HashSet<>();

  private ProgramIndex(LibraryTypes library) {
    this.library = library;
  }

  /**
   * The declarations of one parsed file, not yet linked to the rest of the program, or {@code
   * null} (and a problem) when they are nested too deeply to walk.
   */
  public static FileDeclarations declare(SourceFile f, List<Problem> problems) {
    try {
      FileContext file = new FileContext(f.shown(), f.unit());
      Annotations pkg =
          f.unit().getPackageDeclaration().map(p -> Annotations.of(p.getAnnotations(), file))
              .orElse(Annotations.NONE);
      return new FileDeclarations(file, pkg, new Collector(file).collect(f.unit()), true);
    } catch (StackOverflowError e) {
      synchronized (problems) {
        problems.add(
            new Problem(new Location(f.shown(), 0, 0), "nesting too deep to analyse; file skipped"));
      }
      return null;
    }
  }

  /**
   * Indexes the declarations of every file, in order, whether walked from a syntax tree or read
   * back from the cache: linking (supertypes, member types, field and parameter types) works on
   * the written names either way, so both give the same index.
   */
  public static ProgramIndex build(List<FileDeclarations> files, LibraryTypes library, int jobs) {
    ProgramIndex index = new ProgramIndex(library);
    for (FileDeclarations f : files) {
      index.methodReferences.addAll(f.file().methodReferences());
      for (TypeInfo t : f.types()) {
        if (index.types.putIfAbsent(t.fqn, t) == null) {
          index.ordered.add(t);
          index.packages.add(t.file.packageName());
          if (isLocal(t.node())) {
            index.locals.put(t.node(), t);
            index.localNames.add(t.simpleName);
          }
        }
      }
    }
    index.link(jobs);
    return index;
  }

  private void link(int jobs) {
    for (TypeInfo t : ordered) {
      for (String s : t.writtenSupertypes) {
        String fqn = resolveWritten(s, t, Set.of());
        if (fqn != null) t.supertypes.add(fqn);
      }
      if (t.outer != null
          && t.simpleName != null
          && t.fqn.equals(t.outer.fqn + '.' + t.simpleName)) {
        t.outer.nested.put(t.simpleName, t);
      }
    }
    for (TypeInfo t : ordered) ancestorsOf(t, new HashSet<>());
    for (TypeInfo t : ordered) {
      for (String a : t.ancestors) subtypes.computeIfAbsent(a, k -> new ArrayList<>()).add(t);
    }
    Workers.run(jobs, ordered.size(), i -> resolveMembers(ordered.get(i)));
    for (TypeInfo t : ordered) {
      for (MethodInfo m : t.methods) {
        methods.add(m);
        byNameArity.computeIfAbsent(m.name() + '/' + m.arity(), k -> new ArrayList<>()).add(m);
      }
    }
  }

  private Set<String> ancestorsOf(TypeInfo t, Set<TypeInfo> visiting) {
    if (!t.ancestors.isEmpty() || !visiting.add(t)) return t.ancestors;
    Set<String> out = new LinkedHashSet<>();
    for (String s : t.supertypes) {
      out.add(s);
      TypeInfo p = types.get(s);
      if (p != null) {
        out.addAll(ancestorsOf(p, visiting));
      } else {
        out.addAll(library.ancestors(s));
      }
    }
    out.add("java.lang.Object");
    out.remove(t.fqn);
    // In declaration order, nearest first: member lookups walk it and must find the same
    // declaration in every run (Set.copyOf iterates in an order that changes with every JVM).
    t.ancestors = Collections.unmodifiableSet(out);
    return t.ancestors;
  }

  private void resolveMembers(TypeInfo t) {
    for (Map.Entry<String, FieldInfo> e : t.fields.entrySet()) {
      FieldInfo f = e.getValue();
      if (f.type() != null && f.type().startsWith(UNRESOLVED)) {
        e.setValue(
            new FieldInfo(
                f.owner(), f.name(), resolveWritten(f.type().substring(1), t, t.typeParameters),
                f.isStatic(), f.annotations(), f.line()));
      }
    }
    for (MethodInfo m : t.methods) {
      if (m.writtenReturn() != null) m.setReturnType(resolveWritten(m.writtenReturn(), t, m.typeParameters()));
      List<String> params = m.parameterTypes();
      for (int p = 0; p < params.size(); p++) {
        String r = resolveWritten(m.writtenParameters().get(p), t, m.typeParameters());
        if (m.isVarargs() && p == params.size() - 1 && r != null) r = r + "[]";
        params.set(p, r);
      }
    }
  }

  // Until linked, a field's type is its written type (see written(Type)) after this mark.
  static final String UNRESOLVED = "?";

  /**
   * Lets go of the parse trees once {@code analysed} (the index's methods and the lambdas found
   * in them) are lowered: what follows works on their IR and facts alone, and on a program
   * the size of java.base the trees are a third of the heap. Any one node kept would keep its
   * whole file, through the parent links.
   */
  public void releaseTrees(Iterable<MethodInfo> analysed) {
    locals.clear();
    localNames.clear();
    for (TypeInfo t : ordered) t.releaseTree();
    for (MethodInfo m : analysed) m.releaseTree();
  }

  /**
   * The local class or record {@code declaration} declares ({@code Top$1Name}, as javac names
   * it), or {@code null}: a local type is no member of its owner, so names resolve to it only
   * from the block that declares it, which the caller finds.
   */
  public TypeInfo localType(TypeDeclaration<?> declaration) {
    return locals.get(declaration);
  }

  /** Whether some local class or record is named {@code simple}: else no block need be searched. */
  public boolean hasLocalType(String simple) {
    return localNames.contains(simple);
  }

  private static boolean isLocal(Node n) {
    Node parent = n == null ? null : n.getParentNode().orElse(null);
    return parent instanceof LocalClassDeclarationStmt || parent instanceof LocalRecordDeclarationStmt;
  }

  /** The program type named {@code fqn}, or {@code null}. */
  public TypeInfo type(String fqn) {
    return fqn == null ? null : types.get(fqn);
  }

  /** Every program type, in file order. */
  public List<TypeInfo> types() {
    return ordered;
  }

  /**
   * Whether some method reference of the program names {@code name} ({@code this::name},
   * {@code T::name}): a method of that name may run wherever the reference is handed.
   */
  public boolean isMethodReferenced(String name) {
    return methodReferences.contains(name);
  }

  /** Every program method, in file order. */
  public List<MethodInfo> methods() {
    return methods;
  }

  public LibraryTypes library() {
    return library;
  }

  /** Program types that have {@code fqn} among their ancestors. */
  public List<TypeInfo> subtypes(String fqn) {
    return subtypes.getOrDefault(fqn, List.of());
  }

  /** Program methods with this name and parameter count. */
  public List<MethodInfo> methodsNamed(String name, int arity) {
    return byNameArity.getOrDefault(name + '/' + arity, List.of());
  }

  /** Whether {@code sub} is {@code sup} or one of its subtypes. */
  public boolean isSubtype(String sub, String sup) {
    if (sub == null || sup == null) return false;
    if (sub.equals(sup)) return true;
    TypeInfo t = types.get(sub);
    if (t != null) return t.ancestors.contains(sup);
    return library.ancestors(sub).contains(sup);
  }

  /** Every supertype of {@code fqn}, program or library. */
  public Set<String> ancestors(String fqn) {
    TypeInfo t = types.get(fqn);
    return t != null ? t.ancestors : library.ancestors(fqn);
  }

  /** A field visible as {@code name} in {@code t}: declared there or inherited from a program supertype. */
  public FieldInfo field(TypeInfo t, String name) {
    FieldInfo f = t.fields.get(name);
    if (f != null) return f;
    for (String a : t.ancestors) {
      TypeInfo p = types.get(a);
      if (p != null && (f = p.fields.get(name)) != null) return f;
    }
    return null;
  }

  /**
   * The method a call named {@code name} with {@code argc} arguments selects in {@code t} or its
   * program supertypes; {@code argTypes} (elements may be {@code null}) break ties between
   * overloads. {@code null} when the program declares none.
   */
  public MethodInfo findMethod(TypeInfo t, String name, int argc, List<String> argTypes) {
    MethodInfo best = bestIn(t, name, argc, argTypes);
    if (best != null) return best;
    for (String a : t.ancestors) {
      TypeInfo p = types.get(a);
      if (p != null && (best = bestIn(p, name, argc, argTypes)) != null) return best;
    }
    return null;
  }

  private MethodInfo bestIn(TypeInfo t, String name, int argc, List<String> argTypes) {
    MethodInfo best = null;
    int bestScore = Integer.MIN_VALUE;
    for (MethodInfo m : t.methods) {
      if (!m.name().equals(name)) continue;
      boolean fits = m.arity() == argc || (m.isVarargs() && argc >= m.arity() - 1);
      if (!fits) continue;
      int score = m.arity() == argc ? 1 : 0;
      for (int i = 0; i < Math.min(argc, m.arity()); i++) {
        String want = m.parameterTypes().get(i);
        String have = argTypes.get(i);
        if (want != null && have != null) {
          if (have.equals(want)) score += 3;
          else if (isPrimitive(have) && isPrimitive(want)) score += 1;
          else if (isSubtype(have, want)) score += 2;
          else score -= 5;
        }
      }
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  }

  private static boolean isPrimitive(String type) {
    return type.indexOf('.') < 0 && !type.endsWith("]") && Character.isLowerCase(type.charAt(0));
  }

  /** Resolves a written type to its erased fully qualified name, or {@code null}. */
  public String resolveType(Type type, TypeInfo context, Set<String> typeParameters) {
    return resolveWritten(written(type), context, typeParameters);
  }

  /**
   * A type as written, in the form resolution needs and the cache stores: {@code ""} for none
   * ({@code var}, {@code void}, unknown), {@code P} and a primitive, {@code C} and a class name
   * with its scope ({@code CMap.Entry}), {@code O} for any other type (read as {@code Object});
   * each array dimension adds {@code []}.
   */
  static String written(Type type) {
    if (type == null || type instanceof VarType || type instanceof VoidType || type instanceof UnknownType) {
      return "";
    }
    if (type instanceof PrimitiveType p) return "P" + p.asString();
    if (type instanceof ArrayType a) {
      String c = written(a.getComponentType());
      return c.isEmpty() ? "" : c + "[]";
    }
    if (type instanceof ClassOrInterfaceType c) return "C" + c.getNameWithScope();
    if (type instanceof UnionType u) return written(u.getElements().get(0));
    return "O";
  }

  /** Resolves a type in the form of {@link #written(Type)}, as {@link #resolveType} would. */
  String resolveWritten(String written, TypeInfo context, Set<String> typeParameters) {
    if (written == null || written.isEmpty()) return null;
    int end = written.length();
    int dims = 0;
    while (end > 2 && written.startsWith("[]", end - 2)) {
      dims++;
      end -= 2;
    }
    String r;
    char kind = written.charAt(0);
    if (kind == 'P') {
      r = written.substring(1, end);
    } else if (kind == 'C') {
      String name = written.substring(1, end);
      r = typeParameters.contains(name) || (context != null && context.typeParameters.contains(name))
          ? "java.lang.Object" : resolveName(name, context);
    } else {
      r = "java.lang.Object";
    }
    return r == null || dims == 0 ? r : r + "[]".repeat(dims);
  }

  /** Resolves a type name as written in {@code context} ({@code Inner}, {@code Map.Entry}, a FQN). */
  public String resolveName(String written, TypeInfo context) {
    String key = (context == null ? "" : context.fqn) + '|' + written;
    String r = resolved.get(key);
    if (r == null) {
      r = doResolve(written, context);
      resolved.put(key, r == null ? "" : r);
    }
    return r == null || r.isEmpty() ? null : r;
  }

  private String doResolve(String written, TypeInfo context) {
    int dot = written.indexOf('.');
    String first = dot < 0 ? written : written.substring(0, dot);
    String base = resolveSimple(first, context);
    if (base == null) {
      // A fully qualified name, or a package-qualified nested name.
      if (types.containsKey(written)) return written;
      if (dot > 0 && library.exists(written)) return written;
      return null;
    }
    if (dot < 0) return base;
    String name = base + written.substring(dot);
    return name;
  }

  private String resolveSimple(String simple, TypeInfo context) {
    for (TypeInfo t = context; t != null; t = t.outer) {
      if (simple.equals(t.simpleName)) return t.fqn;
      String member = memberType(t, simple, new HashSet<>());
      if (member != null) return member;
    }
    FileContext file = context == null ? null : context.file;
    if (file == null) return null;
    String imported = file.imported(simple);
    if (imported != null) return imported;
    String pkg = file.packageName();
    String samePackage = pkg.isEmpty() ? simple : pkg + '.' + simple;
    if (types.containsKey(samePackage)) return samePackage;
    for (String w : file.wildcards()) {
      String candidate = w + '.' + simple;
      if (types.containsKey(candidate)) return candidate;
    }
    // A member type a static import brings (`import static a.B.C;`, `import static a.B.*;`).
    String owner = file.staticImportOwner(simple);
    if (owner != null && types.containsKey(owner + '.' + simple)) return owner + '.' + simple;
    for (String w : file.staticWildcards()) {
      String candidate = w + '.' + simple;
      if (types.containsKey(candidate)) return candidate;
    }
    // java.lang's own sources in the program (java.base) may be newer than the running JDK's.
    String lang = "java.lang." + simple;
    if (Character.isUpperCase(simple.charAt(0)) && (types.containsKey(lang) || library.exists(lang))) return lang;
    for (String w : file.wildcards()) {
      String candidate = w + '.' + simple;
      if (!packages.contains(w) && library.exists(candidate)) return candidate;
    }
    return null;
  }

  private String memberType(TypeInfo t, String simple, Set<TypeInfo> seen) {
    if (!seen.add(t)) return null;
    TypeInfo n = t.nested.get(simple);
    if (n != null) return n.fqn;
    for (String s : t.supertypes) {
      TypeInfo p = types.get(s);
      if (p != null) {
        String m = memberType(p, simple, seen);
        if (m != null) return m;
      }
    }
    return null;
  }

  /** Walks one file's declarations, including anonymous and local classes. */
  private static final class Collector {
    private final FileContext file;
    private final List<TypeInfo> out = new ArrayList<>();
    private final Map<TypeInfo, Integer> anonymous = new HashMap<>();

    Collector(FileContext file) {
      this.file = file;
    }

    List<TypeInfo> collect(CompilationUnit unit) {
      for (TypeDeclaration<?> t : unit.getTypes()) declared(t, null, true);
      return out;
    }

    private void declared(TypeDeclaration<?> d, TypeInfo outer, boolean visible) {
      String pkg = file.packageName();
      declared(d, outer, visible,
          outer == null ? (pkg.isEmpty() ? "" : pkg + '.') + d.getNameAsString()
              : outer.fqn + '.' + d.getNameAsString());
    }

    private void declared(TypeDeclaration<?> d, TypeInfo outer, boolean visible, String fqn) {
      String name = outer == null ? d.getNameAsString() : outer.name + '.' + d.getNameAsString();
      List<String> supers = new ArrayList<>();
      Set<String> typeParams = new HashSet<>();
      boolean isInterface = false;
      if (d instanceof ClassOrInterfaceDeclaration c) {
        for (Type s : c.getExtendedTypes()) supers.add(written(s));
        for (Type s : c.getImplementedTypes()) supers.add(written(s));
        isInterface = c.isInterface();
        for (TypeParameter p : c.getTypeParameters()) typeParams.add(p.getNameAsString());
      } else if (d instanceof EnumDeclaration e) {
        supers.add("Cjava.lang.Enum");
        for (Type s : e.getImplementedTypes()) supers.add(written(s));
      } else if (d instanceof RecordDeclaration r) {
        supers.add("Cjava.lang.Record");
        for (Type s : r.getImplementedTypes()) supers.add(written(s));
        for (TypeParameter p : r.getTypeParameters()) typeParams.add(p.getNameAsString());
      } else if (d instanceof AnnotationDeclaration) {
        isInterface = true;
      }
      if (outer != null) typeParams.addAll(outer.typeParameters);
      // Members of interfaces are public without saying so.
      boolean api =
          visible && (d.isPublic() || d.isProtected() || (outer != null && outer.isInterface));
      TypeInfo t =
          new TypeInfo(fqn, name, d.getNameAsString(), file, outer, d, isInterface,
              d instanceof RecordDeclaration, Annotations.of(d.getAnnotations(), file),
              line(d.getName()), Set.copyOf(typeParams), supers);
      out.add(t);
      if (d instanceof RecordDeclaration r) {
        for (Parameter p : r.getParameters()) {
          field(t, p.getNameAsString(), p.getType(), false, p.getAnnotations(), line(p));
        }
      }
      members(t, d.getMembers(), api);
    }

    private void members(TypeInfo t, NodeList<BodyDeclaration<?>> members, boolean api) {
      for (BodyDeclaration<?> m : members) {
        if (m instanceof FieldDeclaration f) {
          for (VariableDeclarator v : f.getVariables()) {
            field(t, v.getNameAsString(), v.getType(), f.isStatic() || t.isInterface,
                f.getAnnotations(), line(v));
            v.getInitializer().ifPresent(init -> local(init, t));
          }
        } else if (m instanceof CallableDeclaration<?> c) {
          method(t, c, api);
        } else if (m instanceof TypeDeclaration<?> nested) {
          declared(nested, t, api);
        } else {
          local(m, t);
        }
      }
    }

    private void field(
        TypeInfo t, String name, Type type, boolean isStatic, NodeList<AnnotationExpr> annotations, int line) {
      t.fields.put(
          name,
          new FieldInfo(t, name, UNRESOLVED + written(type), isStatic, Annotations.of(annotations, file), line));
    }

    private void method(TypeInfo t, CallableDeclaration<?> c, boolean api) {
      boolean ctor = c instanceof ConstructorDeclaration;
      MethodDeclaration md = c instanceof MethodDeclaration x ? x : null;
      Node body = md != null ? md.getBody().orElse(null) : ((ConstructorDeclaration) c).getBody();
      Set<String> typeParams = new HashSet<>(t.typeParameters);
      for (TypeParameter p : c.getTypeParameters()) typeParams.add(p.getNameAsString());
      int flags = 0;
      if (c.isStatic()) flags |= MethodInfo.STATIC;
      if (body == null) flags |= MethodInfo.ABSTRACT;
      if (ctor) flags |= MethodInfo.CONSTRUCTOR;
      if (c.isPrivate()) flags |= MethodInfo.PRIVATE;
      if (c.isFinal()) flags |= MethodInfo.FINAL;
      if (c.hasModifier(Modifier.Keyword.SYNCHRONIZED)) flags |= MethodInfo.SYNCHRONIZED;
      if (!c.getThrownExceptions().isEmpty()) flags |= MethodInfo.THROWS;
      boolean visible = c.isPublic() || c.isProtected() || (t.isInterface && !c.isPrivate());
      if (visible) flags |= MethodInfo.PACKAGE_VISIBLE;
      if (api && visible) flags |= MethodInfo.PUBLIC_API;
      List<String> names = new ArrayList<>();
      List<String> written = new ArrayList<>();
      List<String> writtenTypes = new ArrayList<>();
      List<Annotations> paramAnnotations = new ArrayList<>();
      for (Parameter p : c.getParameters()) {
        names.add(p.getNameAsString());
        written.add(erasedWritten(p.getType()) + (p.isVarArgs() ? "..." : ""));
        writtenTypes.add(written(p.getType()));
        paramAnnotations.add(Annotations.of(p.getAnnotations(), file));
        if (p.isVarArgs()) flags |= MethodInfo.VARARGS;
      }
      List<String> types = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) types.add(null);
      MethodInfo m =
          new MethodInfo(t, ctor ? "<init>" : c.getNameAsString(), names, types, written,
              paramAnnotations, null, Annotations.of(c.getAnnotations(), file), c, body, flags,
              line(c.getName()), Set.copyOf(typeParams), writtenTypes,
              md == null ? null : written(md.getType()), returnedField(body, names));
      t.methods.add(m);
      if (body != null) local(body, t);
    }

    /** Finds anonymous and local classes under {@code n}, owned by {@code owner}. */
    private void local(Node n, TypeInfo owner) {
      for (Node child : n.getChildNodes()) {
        if (child instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()) {
          o.getScope().ifPresent(s -> local(s, owner));
          for (Node arg : o.getArguments()) local(arg, owner);
          int k = anonymous.merge(top(owner), 1, Integer::sum);
          TypeInfo anon =
              new TypeInfo(top(owner).fqn + '$' + k, top(owner).name + '$' + k, null, file, owner, o,
                  false, false, Annotations.NONE, line(o), owner.typeParameters,
                  List.of(written(o.getType())));
          out.add(anon);
          members(anon, o.getAnonymousClassBody().get(), false);
        } else if (child instanceof LocalClassDeclarationStmt lc) {
          localType(lc.getClassDeclaration(), owner);
        } else if (child instanceof LocalRecordDeclarationStmt lr) {
          localType(lr.getRecordDeclaration(), owner);
        } else {
          local(child, owner);
        }
      }
    }

    private void localType(TypeDeclaration<?> d, TypeInfo owner) {
      // Named like javac names it ($1Name); not a member type of its owner.
      int k = anonymous.merge(top(owner), 1, Integer::sum);
      declared(d, owner, false, top(owner).fqn + '$' + k + d.getNameAsString());
    }

    private TypeInfo top(TypeInfo t) {
      while (t.outer != null) t = t.outer;
      return t;
    }
  }

  /**
   * The field a single-statement accessor returns ({@code return lock;}, {@code return
   * this.lock;}, {@code return lock.readLock();}), a fact about the body that callers in other
   * files read: kept with the declaration so that they need not see the body.
   */
  private static MethodInfo.ReturnedField returnedField(Node body, List<String> parameterNames) {
    if (!(body instanceof BlockStmt block) || block.getStatements().size() != 1) return null;
    if (!(block.getStatement(0) instanceof ReturnStmt r) || r.getExpression().isEmpty()) return null;
    Expression e = r.getExpression().get();
    while (e instanceof EnclosedExpr en) e = en.getInner();
    boolean shared = false;
    if (e instanceof MethodCallExpr call && call.getArguments().isEmpty() && call.getScope().isPresent()
        && (call.getNameAsString().equals(LockApi.RW_READ)
            || call.getNameAsString().equals(LockApi.RW_WRITE))) {
      shared = call.getNameAsString().equals(LockApi.RW_READ);
      e = call.getScope().get();
    }
    if (e instanceof NameExpr n && !parameterNames.contains(n.getNameAsString())) {
      return new MethodInfo.ReturnedField(n.getNameAsString(), shared);
    }
    if (e instanceof FieldAccessExpr fa && fa.getScope() instanceof ThisExpr) {
      return new MethodInfo.ReturnedField(fa.getNameAsString(), shared);
    }
    return null;
  }

  static String erasedWritten(Type type) {
    if (type instanceof ClassOrInterfaceType c) return c.getNameAsString();
    if (type instanceof ArrayType a) return erasedWritten(a.getComponentType()) + "[]";
    return type.asString();
  }

  static int line(Node n) {
    return n.getBegin().map(p -> p.line).orElse(0);
  }
}
