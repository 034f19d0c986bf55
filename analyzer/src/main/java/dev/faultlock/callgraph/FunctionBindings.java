package dev.faultlock.callgraph;

import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambdas and method references of the program, by the functional interface they are bound to
 * (the parameter type of the program method they are passed to, or the declared type of the
 * variable they are assigned to). A call on that interface reaches them.
 */
public final class FunctionBindings {
  private final Map<String, List<MethodInfo>> bound = new ConcurrentHashMap<>();

  /** Records that {@code function} (a lambda body, or a method a reference names) may run as {@code iface}. */
  public void bind(String iface, MethodInfo function) {
    if (iface == null) return;
    List<MethodInfo> list = bound.computeIfAbsent(iface, k -> new ArrayList<>());
    synchronized (list) {
      if (!list.contains(function)) list.add(function);
    }
  }

  /** The functions bound to {@code iface}, in a stable order. */
  public List<MethodInfo> boundTo(String iface) {
    List<MethodInfo> list = bound.get(iface);
    if (list == null) return List.of();
    synchronized (list) {
      List<MethodInfo> copy = new ArrayList<>(list);
      copy.sort(
          (a, b) -> {
            int c = a.owner().file().shown().compareTo(b.owner().file().shown());
            return c != 0 ? c : Integer.compare(a.line(), b.line());
          });
      return copy;
    }
  }
}
