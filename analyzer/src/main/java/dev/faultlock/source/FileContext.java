package dev.faultlock.source;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import dev.faultlock.catalog.LockApi;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/** One file's package and imports: what simple names mean in it. */
public final class FileContext {
  /** Every annotation name the analysis knows, by fully qualified name. */
  private static final Set<String> KNOWN_ANNOTATIONS = knownAnnotations();

  private final String shown;
  private final String pkg;
  private final Map<String, String> imports = new HashMap<>();
  private final List<String> wildcards = new ArrayList<>();
  private final Map<String, String> staticImports = new HashMap<>();
  private final List<String> staticWildcards = new ArrayList<>();

  private final List<String> importSpecs;
  private final List<String> methodReferences;

  FileContext(String shown, CompilationUnit unit) {
    this(
        shown,
        unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse(""),
        unit.getImports().stream()
            .map(i -> (i.isStatic() ? STATIC : "") + i.getNameAsString() + (i.isAsterisk() ? ".*" : ""))
            .toList(),
        unit.findAll(MethodReferenceExpr.class).stream()
            .map(MethodReferenceExpr::getIdentifier).distinct().sorted().toList());
  }

  private static final String STATIC = "static ";

  /**
   * A file's context from its package and its imports, each as {@link #imports()} gives them:
   * what the cache stores; {@code methodReferences}: {@link #methodReferences()}.
   */
  FileContext(String shown, String pkg, List<String> importSpecs, List<String> methodReferences) {
    this.shown = shown;
    this.pkg = pkg;
    this.importSpecs = List.copyOf(importSpecs);
    this.methodReferences = List.copyOf(methodReferences);
    for (String spec : importSpecs) {
      boolean isStatic = spec.startsWith(STATIC);
      String name = isStatic ? spec.substring(STATIC.length()) : spec;
      boolean asterisk = name.endsWith(".*");
      if (asterisk) name = name.substring(0, name.length() - 2);
      if (isStatic) {
        if (asterisk) {
          staticWildcards.add(name);
        } else {
          int dot = name.lastIndexOf('.');
          staticImports.put(name.substring(dot + 1), name.substring(0, Math.max(dot, 0)));
        }
      } else if (asterisk) {
        wildcards.add(name);
      } else {
        imports.put(name.substring(name.lastIndexOf('.') + 1), name);
      }
    }
  }

  /** The imports as written, in order: {@code a.B}, {@code a.*}, {@code static a.B.m}. */
  List<String> imports() {
    return importSpecs;
  }

  /**
   * The method names the file's method references name ({@code this::flush}: {@code flush}),
   * sorted: a method so named may be run by whatever the reference is handed to.
   */
  public List<String> methodReferences() {
    return methodReferences;
  }

  /** The file as the user named it. */
  public String shown() {
    return shown;
  }

  public String packageName() {
    return pkg;
  }

  /** The type a single-type import names for {@code simple}, or {@code null}. */
  public String imported(String simple) {
    return imports.get(simple);
  }

  public List<String> wildcards() {
    return wildcards;
  }

  /** The type a static import brings {@code member} from, or {@code null}. */
  public String staticImportOwner(String member) {
    return staticImports.get(member);
  }

  public List<String> staticWildcards() {
    return staticWildcards;
  }

  /**
   * The fully qualified name of an annotation as written here. Names the analysis knows are
   * matched through the imports; others keep their spelling.
   */
  String annotationName(String written) {
    if (written.indexOf('.') >= 0) return written;
    String imported = imports.get(written);
    if (imported != null) return imported;
    for (String w : wildcards) {
      String candidate = w + '.' + written;
      if (KNOWN_ANNOTATIONS.contains(candidate)) return candidate;
    }
    String samePackage = pkg.isEmpty() ? written : pkg + '.' + written;
    if (KNOWN_ANNOTATIONS.contains(samePackage)) return samePackage;
    return written;
  }

  private static Set<String> knownAnnotations() {
    Set<String> out = new HashSet<>();
    for (Field f : LockApi.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          out.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Set.copyOf(out);
  }
}
