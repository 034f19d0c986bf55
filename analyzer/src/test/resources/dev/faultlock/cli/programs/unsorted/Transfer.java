package demo.unsorted;

import dev.faultlock.annotations.LockClass;

@LockClass("account")
final class Account {
  long balance;
}

/** Takes two accounts' locks in argument order: transfer(a, b) and transfer(b, a) deadlock. */
final class Transfer {
  void transfer(Account from, Account to, long amount) {
    synchronized (from) {
      synchronized (to) {
        from.balance -= amount;
        to.balance += amount;
      }
    }
  }
}
