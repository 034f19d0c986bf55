package demo;

import dev.faultlock.annotations.LockClass;

/** Two accounts locked in argument order: an UnsortedSameClassLocks warning, turned off. */
@LockClass("account")
public final class Transfer {
  private long balance;

  public void transfer(Transfer to, long amount) {
    synchronized (this) {
      synchronized (to) {
        balance -= amount;
        to.balance += amount;
      }
    }
  }
}
