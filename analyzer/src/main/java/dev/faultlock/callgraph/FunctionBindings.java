package dev.faultlock.callgraph;

import dev.faultlock.source.MethodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  /**
   * Every binding, by interface, each list in the order bound: what one file's extraction bound,
   * for the analysis cache to store and to merge into the program's bindings with {@link #bind}.
   */
  public Map<String, List<MethodInfo>> all() {
    Map<String, List<MethodInfo>> out = new TreeMap<>();
    for (Map.Entry<String, List<MethodInfo>> e : bound.entrySet()) {
      synchronized (e.getValue()) {
        out.put(e.getKey(), List.copyOf(e.getValue()));
      }
    }
    return out;
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
