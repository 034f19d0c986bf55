package dev.faultlock.source;

import com.github.javaparser.ast.Node;
import java.util.List;
import java.util.Set;

/**
 * A method, constructor ({@code <init>}) or lambda body of the program: a node of the call
 * graph. Identity is the object; {@link #signature()} is stable across runs.
 */
public final class MethodInfo {
  private final TypeInfo owner;
  private final String name;
  private final List<String> parameterNames;
  private final List<String> parameterTypes;
  private final List<String> writtenParameterTypes;
  private final List<Annotations> parameterAnnotations;
  private String returnType;
  private final Annotations annotations;
  private Node node;
  private Node body;
  private final int flags;
  private final int line;
  private final Set<String> typeParameters;
  private final String signature;
  private final List<String> writtenParameters;
  private final String writtenReturn;
  private final ReturnedField returnedField;
  private MethodInfo enclosing;

  /**
   * The field a single-statement accessor returns, and whether through {@code readLock()}.
   */
  public record ReturnedField(String field, boolean shared) {}

  static final int STATIC = 1;
  static final int ABSTRACT = 2;
  static final int CONSTRUCTOR = 4;
  static final int LAMBDA = 8;
  static final int PRIVATE = 16;
  static final int SYNCHRONIZED = 32;
  static final int FINAL = 64;
  static final int PUBLIC_API = 128;
  static final int VARARGS = 256;
  static final int THROWS = 512;
  /** Declared public or protected, or a member of an interface: callable from another package. */
  static final int PACKAGE_VISIBLE = 1024;

  MethodInfo(
      TypeInfo owner,
      String name,
      List<String> parameterNames,
      List<String> parameterTypes,
      List<String> writtenParameterTypes,
      List<Annotations> parameterAnnotations,
      String returnType,
      Annotations annotations,
      Node node,
      Node body,
      int flags,
      int line,
      Set<String> typeParameters,
      List<String> writtenParameters,
      String writtenReturn,
      ReturnedField returnedField) {
    this.owner = owner;
    this.writtenParameters = writtenParameters;
    this.writtenReturn = writtenReturn;
    this.returnedField = returnedField;
    this.name = name;
    this.parameterNames = List.copyOf(parameterNames);
    this.parameterTypes = parameterTypes;
    this.writtenParameterTypes = List.copyOf(writtenParameterTypes);
    this.parameterAnnotations = List.copyOf(parameterAnnotations);
    this.returnType = returnType;
    this.annotations = annotations;
    this.node = node;
    this.body = body;
    this.flags = flags;
    this.line = line;
    this.typeParameters = typeParameters;
    this.signature =
        owner.fqn() + '.' + name + '(' + String.join(",", writtenParameterTypes) + ')';
  }

  /** Creates the node of a lambda body found inside {@code enclosing}. */
  public static MethodInfo lambda(
      MethodInfo enclosing,
      int ordinal,
      List<String> parameterNames,
      List<String> parameterTypes,
      Node node,
      Node body,
      int line) {
    MethodInfo lambda = new MethodInfo(
        enclosing.owner,
        enclosing.name + "$lambda" + ordinal,
        parameterNames,
        parameterTypes,
        parameterTypes.stream().map(t -> t == null ? "?" : simple(t)).toList(),
        parameterNames.stream().map(n -> Annotations.NONE).toList(),
        null,
        Annotations.NONE,
        node,
        body,
        LAMBDA | (enclosing.flags & STATIC),
        line,
        enclosing.typeParameters,
        List.of(),
        null,
        null);
    lambda.enclosing = enclosing;
    return lambda;
  }

  /** For a lambda body, the method it is written in; otherwise {@code null}. */
  public MethodInfo enclosing() {
    return enclosing;
  }

  private static String simple(String fqn) {
    return fqn.substring(fqn.lastIndexOf('.') + 1);
  }

  public TypeInfo owner() {
    return owner;
  }

  public String name() {
    return name;
  }

  public List<String> parameterNames() {
    return parameterNames;
  }

  /** Fully qualified erased parameter types; an element is {@code null} when unresolved. */
  public List<String> parameterTypes() {
    return parameterTypes;
  }

  /** Parameter types as written, erased, without package: part of {@link #signature()}. */
  public List<String> writtenParameterTypes() {
    return writtenParameterTypes;
  }

  public List<Annotations> parameterAnnotations() {
    return parameterAnnotations;
  }

  /** Fully qualified erased return type, {@code null} for void, constructors or unknown. */
  public String returnType() {
    return returnType;
  }

  void setReturnType(String returnType) {
    this.returnType = returnType;
  }

  public Annotations annotations() {
    return annotations;
  }

  /**
   * The declaration (or lambda expression); {@code null} when read back from the cache or once
   * {@link ProgramIndex#releaseTrees} ran.
   */
  public Node node() {
    return node;
  }

  /**
   * The body to analyse, or {@code null} for abstract and native methods and for methods read
   * back from the cache (whose facts are read back too) and after release.
   */
  public Node body() {
    return body;
  }

  void releaseTree() {
    node = null;
    body = null;
  }

  /** Parameter types as {@link ProgramIndex#written} gives them; empty for lambdas. */
  List<String> writtenParameters() {
    return writtenParameters;
  }

  /** The return type as written, {@code null} for constructors and lambdas. */
  String writtenReturn() {
    return writtenReturn;
  }

  /** For an accessor that returns one of its type's fields, that field; otherwise {@code null}. */
  public ReturnedField returnedField() {
    return returnedField;
  }

  int flags() {
    return flags;
  }

  public boolean isStatic() {
    return (flags & STATIC) != 0;
  }

  public boolean isAbstract() {
    return (flags & ABSTRACT) != 0;
  }

  public boolean isConstructor() {
    return (flags & CONSTRUCTOR) != 0;
  }

  public boolean isLambda() {
    return (flags & LAMBDA) != 0;
  }

  public boolean isPrivate() {
    return (flags & PRIVATE) != 0;
  }

  public boolean isSynchronized() {
    return (flags & SYNCHRONIZED) != 0;
  }

  /** Static, private, final or a constructor: calls to it do not dispatch. */
  public boolean isNonVirtual() {
    return (flags & (STATIC | PRIVATE | FINAL | CONSTRUCTOR)) != 0;
  }

  /** Public or protected in a public or protected type chain: what summaries describe. */
  public boolean isPublicApi() {
    return (flags & PUBLIC_API) != 0;
  }

  /**
   * Whether only code of its own package can call it: private or package-private, not an
   * interface member, not a lambda. Code outside the program (a library, a framework) can call
   * such a method only through a method reference the program hands out.
   */
  public boolean isPackageInternal() {
    return (flags & (PACKAGE_VISIBLE | LAMBDA)) == 0;
  }

  public boolean isVarargs() {
    return (flags & VARARGS) != 0;
  }

  /** Whether it has a {@code throws} clause (without one it throws no checked exception). */
  public boolean declaresThrows() {
    return (flags & THROWS) != 0;
  }

  public int line() {
    return line;
  }

  public Set<String> typeParameters() {
    return typeParameters;
  }

  public int arity() {
    return parameterNames.size();
  }

  /** {@code pkg.Type.name(Param,Types)}: stable across runs and line shifts. */
  public String signature() {
    return signature;
  }

  /**
   * Whether {@code other} is this method or one it overrides (or is overridden by): the same
   * operation on an object of a related class, as a composite's override runs it on a component.
   */
  public boolean sameOperationAs(MethodInfo other) {
    if (other == this) return true;
    return other != null && !isLambda() && !other.isLambda() && name.equals(other.name)
        && writtenParameterTypes.equals(other.writtenParameterTypes)
        && (owner.ancestors().contains(other.owner.fqn())
            || other.owner.ancestors().contains(owner.fqn()));
  }

  /** {@code Type.name} as traces show it. */
  public String display() {
    return owner.name() + '.' + name;
  }

  @Override
  public String toString() {
    return signature;
  }
}
