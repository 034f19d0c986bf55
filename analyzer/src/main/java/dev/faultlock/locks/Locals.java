package dev.faultlock.locks;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The local variables and parameters in scope at one point of a method, block by block, as the
 * front end walks it in source order: what call resolution and lock naming read names against.
 */
public final class Locals {
  /**
   * A local variable or parameter.
   *
   * @param parameter its parameter index, or {@code -1} for a local
   * @param alias the lock it was assigned, for a local of a lock type, or {@code null}
   * @param userBuffer it is a {@code @UserBuffer} parameter
   * @param element the one type argument of its declared type ({@code List<Memory>}: Memory)
   * @param jdkView it holds an iterator or view a JDK collection made
   */
  public record Local(
      String type, int parameter, LockRef alias, boolean userBuffer, String element, boolean jdkView) {
    public Local(String type, int parameter, LockRef alias, boolean userBuffer) {
      this(type, parameter, alias, userBuffer, null, false);
    }
  }

  private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
  /** Blocks that hide the ones outside them ({@link #isolate}), by identity. */
  private final Set<Map<String, Local>> barriers = Collections.newSetFromMap(new IdentityHashMap<>());

  public Locals() {
    scopes.push(new HashMap<>());
  }

  /** Opens a block. */
  public void push() {
    scopes.push(new HashMap<>());
  }

  /**
   * Opens a block that sees none of the enclosing ones: a field initializer lowered into a
   * constructor does not see the constructor's parameters.
   */
  public void isolate() {
    Map<String, Local> scope = new HashMap<>();
    barriers.add(scope);
    scopes.push(scope);
  }

  /** Closes the innermost block. */
  public void pop() {
    barriers.remove(scopes.pop());
  }

  /** Declares {@code name} in the innermost block. */
  public void declare(String name, Local l) {
    scopes.peek().put(name, l);
  }

  /** Replaces what {@code name} holds where it is declared. */
  public void replace(String name, Local l) {
    for (Map<String, Local> scope : scopes) {
      if (scope.containsKey(name)) {
        scope.put(name, l);
        return;
      }
    }
  }

  /** The innermost declaration of {@code name}, or {@code null}. */
  public Local get(String name) {
    for (Map<String, Local> scope : scopes) {
      Local l = scope.get(name);
      if (l != null) return l;
      if (barriers.contains(scope)) return null;
    }
    return null;
  }

  /** Every name in scope, outermost block first, so that inner declarations come last. */
  Iterator<Map<String, Local>> outermostFirst() {
    return scopes.descendingIterator();
  }
}
