package dev.faultlock.rules.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;

/**
 * Turns lock expressions into {@link LockRef}s: source expressions ({@code synchronized (x)},
 * the receiver of {@code x.lock()}) and the strings of lock annotations ({@code "this"}, a
 * parameter, a field, {@code "param.field"}, {@code "Type.class"}, the Checker Framework's
 * {@code "#1"}), the latter bound to a call site or to the declaring method's own entry.
 */
public final class LockExpressions {
  private LockExpressions() {}

  /** {@code this} of {@code cls}, the lock of {@code synchronized} instance methods. */
  public static LockRef thisOf(Symbol cls) {
    return new LockRef("this", "this", LockClasses.ofType(cls));
  }

  /** {@code Type.class}, the lock of {@code static synchronized} methods. */
  public static LockRef classLiteral(String simpleName) {
    String literal = simpleName + ".class";
    return new LockRef(literal, literal, literal);
  }

  /** The lock a source expression denotes. */
  public static LockRef of(ExpressionTree tree, VisitorState state) {
    ExpressionTree expr = strip(tree);
    Symbol sym = ASTHelpers.getSymbol(expr);
    if (expr instanceof IdentifierTree id) {
      String name = id.getName().toString();
      if (name.equals("this") || name.equals("super")) {
        return thisOf(sym == null ? null : sym.owner.enclClass());
      }
      if (sym instanceof VarSymbol var) {
        return variable(var, null, state);
      }
    } else if (expr instanceof MemberSelectTree select) {
      String name = select.getIdentifier().toString();
      if (name.equals("class")) {
        Symbol type = ASTHelpers.getSymbol(select.getExpression());
        return classLiteral(type == null ? select.getExpression().toString() : type.getSimpleName()
            .toString());
      }
      if (name.equals("this")) {
        return thisOf(sym == null ? null : sym.type.tsym);
      }
      if (sym instanceof VarSymbol var) {
        return variable(var, select.getExpression(), state);
      }
    } else if (expr instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && sym instanceof MethodSymbol method) {
      LockRef receiver = receiverOf(call, state);
      return receiver.select(
          method.getSimpleName() + "()", LockClasses.ofMethod(method, receiver.lockClass()));
    }
    String text = state.getSourceForNode(expr);
    return new LockRef(
        text == null ? expr.toString() : text,
        text == null ? expr.toString() : text,
        LockClasses.ofTypeOf(ASTHelpers.getType(expr)));
  }

  /** The receiver of a call or field access, {@code this} of the caller when implicit. */
  public static LockRef receiverOf(ExpressionTree callOrSelect, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(callOrSelect);
    if (receiver != null) {
      return of(receiver, state);
    }
    Symbol sym = ASTHelpers.getSymbol(callOrSelect);
    return thisOf(sym == null ? null : sym.owner.enclClass());
  }

  private static LockRef variable(VarSymbol var, ExpressionTree qualifier, VisitorState state) {
    if (var.getKind() != ElementKind.FIELD) {
      return new LockRef(
          var.getSimpleName().toString(),
          var.getSimpleName().toString(),
          LockClasses.ofVariable(var));
    }
    String fieldClass = LockClasses.ofField(var);
    if (var.isStatic()) {
      String name = var.owner.getSimpleName() + "." + var.getSimpleName();
      return new LockRef(name, name, fieldClass);
    }
    LockRef base = qualifier == null ? thisOf(var.owner) : of(qualifier, state);
    return base.select(var.getSimpleName().toString(), fieldClass);
  }

  private static ExpressionTree strip(ExpressionTree tree) {
    ExpressionTree expr = tree;
    while (true) {
      if (expr instanceof ParenthesizedTree p) {
        expr = p.getExpression();
      } else if (expr instanceof TypeCastTree c) {
        expr = c.getExpression();
      } else {
        return expr;
      }
    }
  }

  // ---- annotation strings ----

  /** Where a parsed lock expression starts. */
  public enum Base {
    THIS,
    PARAMETER,
    STATIC,
    CLASS_LITERAL
  }

  /**
   * A lock expression of an annotation, resolved against the declaring method.
   *
   * @param base what the expression starts from
   * @param parameter the parameter index for {@link Base#PARAMETER}
   * @param classLiteral the simple type name for {@link Base#CLASS_LITERAL}
   * @param members the fields (and no-argument methods) selected after the base, in order
   */
  public record Parsed(Base base, int parameter, String classLiteral, List<Symbol> members) {}

  /** A parse that either worked or says why not. */
  public record Parse(Parsed parsed, String problem) {
    static Parse ok(Parsed parsed) {
      return new Parse(parsed, null);
    }

    static Parse fail(String problem) {
      return new Parse(null, problem);
    }

    public boolean ok() {
      return parsed != null;
    }
  }

  /** Parses one lock expression of an annotation on {@code method}. */
  public static Parse parse(String expression, MethodSymbol method, VisitorState state) {
    String text = expression.trim();
    if (text.isEmpty()) {
      return Parse.fail("an empty lock expression names no lock");
    }
    if (text.endsWith(".class")) {
      String type = text.substring(0, text.length() - ".class".length());
      if (!isQualifiedName(type)) {
        return Parse.fail("`" + text + "` is not a class literal");
      }
      return Parse.ok(
          new Parsed(Base.CLASS_LITERAL, -1, type.substring(type.lastIndexOf('.') + 1),
              List.of()));
    }
    String[] parts = text.split("\\.", -1);
    int start = 0;
    // Outer.this.x: the checkers do not tell an outer instance from this one.
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].equals("this")) {
        start = i;
      }
    }
    String first = parts[start];
    Base base;
    int parameter = -1;
    Type current;
    List<Symbol> members = new ArrayList<>();
    List<VarSymbol> params = method.getParameters();
    if (first.equals("this") || first.equals("<self>")) {
      if (method.isStatic()) {
        return Parse.fail("`this` in a static method names no lock");
      }
      base = Base.THIS;
      current = method.owner.type;
    } else if (first.matches("#\\d+")) {
      parameter = Integer.parseInt(first.substring(1)) - 1;
      if (parameter < 0 || parameter >= params.size()) {
        return Parse.fail("`" + first + "` names no parameter of `" + method.getSimpleName() + "`");
      }
      base = Base.PARAMETER;
      current = params.get(parameter).type;
    } else {
      int index = indexOf(params, first);
      if (index >= 0) {
        base = Base.PARAMETER;
        parameter = index;
        current = params.get(index).type;
      } else {
        Symbol field = member(method.owner.type, first, state);
        if (field == null) {
          return Parse.fail(
              "`" + first + "` names no parameter of `" + method.getSimpleName()
                  + "` and no field of `" + method.owner.getSimpleName() + "`");
        }
        if (field.isStatic()) {
          base = Base.STATIC;
        } else if (method.isStatic()) {
          return Parse.fail("instance field `" + first + "` in a static method names no lock");
        } else {
          base = Base.THIS;
        }
        members.add(field);
        current = field.type;
      }
    }
    for (int i = start + 1; i < parts.length; i++) {
      Symbol next = member(current, parts[i], state);
      if (next == null) {
        return Parse.fail("`" + parts[i] + "` in `" + text + "` names no field of `"
            + (current == null || current.tsym == null ? "?" : current.tsym.getSimpleName())
            + "`");
      }
      members.add(next);
      current = next instanceof MethodSymbol m ? m.getReturnType() : next.type;
    }
    return Parse.ok(new Parsed(base, parameter, null, List.copyOf(members)));
  }

  /**
   * Binds a parsed expression to actual locks: {@code self} is what {@code this} means there, and
   * {@code parameter} gives the lock each parameter position means.
   */
  public static LockRef bind(
      Parsed parsed, LockRef self, java.util.function.IntFunction<LockRef> parameter) {
    LockRef ref;
    List<Symbol> members = parsed.members();
    int from = 0;
    switch (parsed.base()) {
      case CLASS_LITERAL -> {
        return classLiteral(parsed.classLiteral());
      }
      case STATIC -> {
        VarSymbol field = (VarSymbol) members.get(0);
        ref = variable(field, null, null);
        from = 1;
      }
      case PARAMETER -> ref = parameter.apply(parsed.parameter());
      default -> ref = self;
    }
    if (ref == null) {
      return null;
    }
    for (int i = from; i < members.size(); i++) {
      Symbol member = members.get(i);
      if (member instanceof MethodSymbol m) {
        ref = ref.select(m.getSimpleName() + "()", LockClasses.ofMethod(m, ref.lockClass()));
      } else if (member.isStatic()) {
        ref = variable((VarSymbol) member, null, null);
      } else {
        ref = ref.select(member.getSimpleName().toString(), LockClasses.ofField((VarSymbol) member));
      }
    }
    return ref;
  }

  /** A parameter of the method being analysed, as a lock. */
  public static LockRef parameter(VarSymbol param) {
    return variable(param, null, null);
  }

  private static int indexOf(List<VarSymbol> params, String name) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).getSimpleName().contentEquals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A field, or a no-argument method written {@code name()}, of {@code type} or a supertype. */
  private static Symbol member(Type type, String name, VisitorState state) {
    if (type == null || !(type.tsym instanceof ClassSymbol)) {
      return null;
    }
    boolean method = name.endsWith("()");
    String simple = method ? name.substring(0, name.length() - 2) : name;
    for (Type t : state.getTypes().closure(type)) {
      for (Symbol s : t.tsym.members().getSymbolsByName(state.getName(simple))) {
        if (method && s instanceof MethodSymbol m && m.getParameters().isEmpty()) {
          return s;
        }
        if (!method && s.getKind() == ElementKind.FIELD) {
          return s;
        }
      }
    }
    // A field of an enclosing class, as the annotations of inner classes may name one.
    Symbol outer = type.tsym.owner == null ? null : type.tsym.owner.enclClass();
    return !method && outer != null && outer != type.tsym ? member(outer.type, name, state) : null;
  }

  private static boolean isQualifiedName(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (String part : text.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
        return false;
      }
      for (int i = 1; i < part.length(); i++) {
        if (!Character.isJavaIdentifierPart(part.charAt(i))) {
          return false;
        }
      }
    }
    return true;
  }
}
