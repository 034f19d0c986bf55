package dev.faultlock.analyzer;

import dev.faultlock.catalog.LockApi;
import dev.faultlock.source.Annotations;
import dev.faultlock.source.TypeInfo;
import java.util.ArrayList;
import java.util.List;

/** The {@code @LockOrder} declarations of the program (types and packages) and its libraries. */
final class DeclaredOrders {
  private final List<List<String>> orders = new ArrayList<>();

  DeclaredOrders(List<TypeInfo> types, List<Annotations> packages, List<List<String>> library) {
    for (TypeInfo t : types) add(t.annotations().values(LockApi.LOCK_ORDER));
    for (Annotations p : packages) add(p.values(LockApi.LOCK_ORDER));
    for (List<String> o : library) add(o);
  }

  private void add(List<String> order) {
    if (order.size() >= 2 && !orders.contains(order)) orders.add(List.copyOf(order));
  }

  List<List<String>> all() {
    return orders;
  }

  /** Whether acquiring a {@code to} lock while holding a {@code from} lock goes against an order. */
  boolean violates(String from, String to) {
    for (List<String> o : orders) {
      int f = o.indexOf(from);
      int t = o.indexOf(to);
      if (f >= 0 && t >= 0 && t < f) return true;
    }
    return false;
  }
}
