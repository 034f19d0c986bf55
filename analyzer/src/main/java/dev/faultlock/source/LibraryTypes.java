package dev.faultlock.source;

import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JarTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Types that are not in the program: the JDK and the classpath jars. The analysis resolves
 * program types itself; it asks JavaParser's symbol solver only about library types, and
 * remembers every answer, because the same few library types ({@code Lock}, {@code ByteBuffer},
 * {@code WritableByteChannel}) are asked about over and over.
 */
public final class LibraryTypes {
  private static final String NONE = "";

  private final TypeSolver solver;
  private final ConcurrentHashMap<String, Boolean> exists = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<String>> ancestors = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> returnTypes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Boolean> interfaces = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> fieldTypes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Boolean> declares = new ConcurrentHashMap<>();

  /** The JDK plus the jars of {@code classpath}; an unreadable jar becomes a problem. */
  public LibraryTypes(List<Path> classpath, List<Problem> problems) {
    CombinedTypeSolver combined = new CombinedTypeSolver(new ReflectionTypeSolver(true));
    for (Path entry : classpath) {
      if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
        try {
          combined.add(new JarTypeSolver(entry));
        } catch (IOException | RuntimeException e) {
          problems.add(
              new Problem(
                  new Location(JavaSources.show(entry), 0, 0),
                  "cannot read classpath jar: " + e.getClass().getSimpleName()));
        }
      }
    }
    this.solver = combined;
  }

  /** Whether {@code fqn} names a library type. */
  public boolean exists(String fqn) {
    Boolean known = exists.get(fqn);
    if (known == null) {
      known = declaration(fqn).isPresent();
      exists.put(fqn, known);
    }
    return known;
  }

  /** Whether {@code fqn} is a library interface. */
  public boolean isInterface(String fqn) {
    Boolean known = interfaces.get(fqn);
    if (known == null) {
      known = declaration(fqn).map(ResolvedReferenceTypeDeclaration::isInterface).orElse(false);
      interfaces.put(fqn, known);
    }
    return known;
  }

  /** Every supertype of a library type, transitively, erased; empty when unknown. */
  public Set<String> ancestors(String fqn) {
    Set<String> known = ancestors.get(fqn);
    if (known != null) return known;
    Set<String> out = new LinkedHashSet<>();
    synchronized (solver) {
      declaration(fqn)
          .ifPresent(
              d -> {
                try {
                  for (ResolvedReferenceType a : d.getAllAncestors()) {
                    out.add(a.getQualifiedName());
                  }
                } catch (RuntimeException | LinkageError e) {
                  // An ancestor outside the classpath: keep what is known.
                }
              });
    }
    // The solver's order, kept: lookups that walk it must answer the same in every run.
    Set<String> result = Collections.unmodifiableSet(out);
    ancestors.put(fqn, result);
    return result;
  }

  /**
   * The erased return type of a library method by name and argument count, or {@code null} when
   * unknown or when the overloads disagree.
   */
  public String returnType(String fqn, String method, int argc) {
    String key = fqn + '#' + method + '/' + argc;
    String r = returnTypes.get(key);
    if (r == null) {
      synchronized (solver) {
        r = computeReturnType(fqn, method, argc);
      }
      returnTypes.put(key, r);
    }
    return r.isEmpty() ? null : r;
  }

  private String computeReturnType(String fqn, String method, int argc) {
    Optional<ResolvedReferenceTypeDeclaration> d = declaration(fqn);
    if (d.isEmpty()) return NONE;
    try {
      // The type's own declarations first: an override may narrow the return type
      // (ReentrantReadWriteLock.writeLock() returns WriteLock, ReadWriteLock's returns Lock).
      String own = agreed(d.get().getDeclaredMethods(), method, argc);
      if (own != null) return own;
      List<ResolvedMethodDeclaration> all = new ArrayList<>();
      for (var m : d.get().getAllMethods()) all.add(m.getDeclaration());
      String inherited = agreed(all, method, argc);
      return inherited == null ? NONE : inherited;
    } catch (RuntimeException | LinkageError e) {
      return NONE;
    }
  }

  /** The return type the overloads of {@code method} agree on, or {@code null}. */
  private static String agreed(
      Iterable<? extends ResolvedMethodDeclaration> methods, String method, int argc) {
    String found = null;
    for (ResolvedMethodDeclaration decl : methods) {
      if (!decl.getName().equals(method)) continue;
      if (decl.getNumberOfParams() != argc && !decl.hasVariadicParameter()) continue;
      String t = erase(decl.getReturnType());
      if (found != null && !found.equals(t)) return null;
      found = t;
    }
    return found;
  }

  /**
   * Whether the library type {@code fqn} declares or inherits a method {@code method} taking
   * {@code argc} arguments: a program method of that name in a subtype overrides it, so code
   * outside the program can call it through the library type.
   */
  public boolean declares(String fqn, String method, int argc) {
    return declares.computeIfAbsent(fqn + '#' + method + '/' + argc, k -> {
      synchronized (solver) {
        return declaration(fqn).map(d -> {
          try {
            for (var m : d.getAllMethods()) {
              ResolvedMethodDeclaration decl = m.getDeclaration();
              if (decl.getName().equals(method) && decl.getNumberOfParams() == argc) return true;
            }
            return false;
          } catch (RuntimeException | LinkageError e) {
            return false;
          }
        }).orElse(false);
      }
    });
  }

  /** The erased type of a library field (an enum constant, a static constant), or {@code null}. */
  public String fieldType(String fqn, String field) {
    String key = fqn + '.' + field;
    String r = fieldTypes.get(key);
    if (r == null) {
      synchronized (solver) {
        r = declaration(fqn)
            .map(d -> {
              try {
                return erase(d.getField(field).getType());
              } catch (RuntimeException | LinkageError e) {
                return NONE;
              }
            })
            .orElse(NONE);
      }
      fieldTypes.put(key, r);
    }
    return r.isEmpty() ? null : r;
  }

  private static String erase(ResolvedType t) {
    if (t.isReferenceType()) return t.asReferenceType().getQualifiedName();
    if (t.isPrimitive() || t.isVoid()) return t.describe();
    if (t.isArray()) return erase(t.asArrayType().getComponentType()) + "[]";
    return "java.lang.Object";
  }

  private Optional<ResolvedReferenceTypeDeclaration> declaration(String fqn) {
    // The solvers are not thread-safe; library questions are few and their answers cached.
    synchronized (solver) {
      try {
        SymbolReference<ResolvedReferenceTypeDeclaration> ref = solver.tryToSolveType(fqn);
        return ref.isSolved() ? Optional.of(ref.getCorrespondingDeclaration()) : Optional.empty();
      } catch (RuntimeException | LinkageError e) {
        return Optional.empty();
      }
    }
  }
}
