package gated;

import dev.faultlock.annotations.LockClass;

/** Both orders happen, but always under the one gate lock: no deadlock. */
final class Gated {
  @LockClass("gate")
  private static final Object GATE = new Object();

  @LockClass("ledger")
  private final Object ledger = new Object();

  @LockClass("audit")
  private final Object audit = new Object();

  void post() {
    synchronized (GATE) {
      synchronized (ledger) {
        synchronized (audit) {
          GATE.hashCode();
        }
      }
    }
  }

  void review() {
    synchronized (GATE) {
      synchronized (audit) {
        synchronized (ledger) {
          GATE.hashCode();
        }
      }
    }
  }
}
