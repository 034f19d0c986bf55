package dev.faultlock.source;

import com.github.javaparser.ast.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A type of the program (class, interface, enum, record, anonymous or local class). */
public final class TypeInfo {
  final String fqn;
  final String name;
  final FileContext file;
  final TypeInfo outer;
  final String simpleName;
  Node node;
  final boolean isInterface;
  final boolean isRecord;
  final Annotations annotations;
  final int line;
  final Set<String> typeParameters;
  final List<String> writtenSupertypes;
  final List<String> supertypes = new ArrayList<>();
  Set<String> ancestors = Set.of();
  final Map<String, FieldInfo> fields = new LinkedHashMap<>();
  final List<MethodInfo> methods = new ArrayList<>();
  final Map<String, TypeInfo> nested = new LinkedHashMap<>();

  TypeInfo(
      String fqn,
      String name,
      String simpleName,
      FileContext file,
      TypeInfo outer,
      Node node,
      boolean isInterface,
      boolean isRecord,
      Annotations annotations,
      int line,
      Set<String> typeParameters,
      List<String> writtenSupertypes) {
    this.fqn = fqn;
    this.name = name;
    this.simpleName = simpleName;
    this.isRecord = isRecord;
    this.file = file;
    this.outer = outer;
    this.node = node;
    this.isInterface = isInterface;
    this.annotations = annotations;
    this.line = line;
    this.typeParameters = typeParameters;
    this.writtenSupertypes = writtenSupertypes;
  }

  /** Fully qualified, nested types joined with {@code .}, anonymous ones {@code Outer$1}. */
  public String fqn() {
    return fqn;
  }

  /** The name without the package, as reports show it: {@code Outer.Inner}. */
  public String name() {
    return name;
  }

  public FileContext file() {
    return file;
  }

  /** The lexically enclosing type, or {@code null}. */
  public TypeInfo outer() {
    return outer;
  }

  /**
   * The declaration, or {@code null} when the type was read back from the cache or its file's
   * tree was released ({@link ProgramIndex#releaseTrees}).
   */
  public Node node() {
    return node;
  }

  void releaseTree() {
    node = null;
  }

  public boolean isInterface() {
    return isInterface;
  }

  public boolean isRecord() {
    return isRecord;
  }

  public Annotations annotations() {
    return annotations;
  }

  public int line() {
    return line;
  }

  /** Direct supertypes, fully qualified. */
  public List<String> supertypes() {
    return supertypes;
  }

  /** Every supertype, transitively, program and library, fully qualified. */
  public Set<String> ancestors() {
    return ancestors;
  }

  public Map<String, FieldInfo> fields() {
    return fields;
  }

  public List<MethodInfo> methods() {
    return methods;
  }

  public Map<String, TypeInfo> nested() {
    return nested;
  }

  @Override
  public String toString() {
    return fqn;
  }
}
