package demo.ledger;

/**
 * A public entry point that locks two accounts its caller hands in, in argument order: a
 * finding that rests on objects from outside the program (low confidence), and the same shape on
 * two accounts the ledger keeps itself (high).
 */
public final class Ledger {
  private final java.util.List<Ledger> linked = new java.util.ArrayList<>();

  Ledger(Ledger parent) {
    if (parent != null) linked.add(parent);
  }

  public void transfer(Ledger from, Ledger to) {
    synchronized (from) {
      synchronized (to) { }
    }
  }

  public synchronized void settle() {
    for (Ledger l : linked) {
      synchronized (l) { }
    }
  }
}
