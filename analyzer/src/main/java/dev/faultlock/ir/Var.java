package dev.faultlock.ir;

/**
 * A variable of one method's IR: {@code this}, a parameter, a source local or a temporary the
 * lowering made for an intermediate value ({@code $t3}). Identity is the index within its method.
 *
 * @param index position in {@link IrMethod#vars()}
 * @param name the source name, or {@code $tN} for a temporary
 * @param type the static type as a fully qualified name (primitives by keyword), or {@code null}
 *     when the front end cannot tell
 */
public record Var(int index, String name, String type) {
  @Override
  public String toString() {
    return name;
  }
}
