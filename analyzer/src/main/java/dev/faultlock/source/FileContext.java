package dev.faultlock.source;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
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

  FileContext(String shown, CompilationUnit unit) {
    this.shown = shown;
    this.pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    for (ImportDeclaration i : unit.getImports()) {
      String name = i.getNameAsString();
      if (i.isStatic()) {
        if (i.isAsterisk()) {
          staticWildcards.add(name);
        } else {
          int dot = name.lastIndexOf('.');
          staticImports.put(name.substring(dot + 1), name.substring(0, Math.max(dot, 0)));
        }
      } else if (i.isAsterisk()) {
        wildcards.add(name);
      } else {
        imports.put(name.substring(name.lastIndexOf('.') + 1), name);
      }
    }
  }

  /** The context of a parsed file. */
  public static FileContext of(SourceFile f) {
    return new FileContext(f.shown(), f.unit());
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
