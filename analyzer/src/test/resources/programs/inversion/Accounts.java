package inversion;

import dev.faultlock.annotations.LockClass;

final class Accounts {
  @LockClass("ledger")
  private final Object ledger = new Object();

  @LockClass("audit")
  private final Object audit = new Object();

  void post() {
    synchronized (ledger) {
      synchronized (audit) {
        touch();
      }
    }
  }

  void review() {
    synchronized (audit) {
      reconcile();
    }
  }

  private void reconcile() {
    synchronized (ledger) {
      touch();
    }
  }

  private void touch() {}
}
