package unsorted;

import dev.faultlock.annotations.LockClass;
import java.util.concurrent.locks.ReentrantLock;

final class Account {
  final long id;

  @LockClass("account")
  final ReentrantLock lock = new ReentrantLock();

  long balance;

  Account(long id) {
    this.id = id;
  }
}

final class Transfer {
  /** Takes the two locks in argument order: two opposite transfers deadlock. */
  void unordered(Account a, Account b, long amount) {
    a.lock.lock();
    try {
      b.lock.lock();
      try {
        a.balance -= amount;
        b.balance += amount;
      } finally {
        b.lock.unlock();
      }
    } finally {
      a.lock.unlock();
    }
  }

  /** Monitors of two accounts, in argument order. */
  void nested(Account a, Account b) {
    synchronized (a) {
      synchronized (b) {
        a.balance = b.balance;
      }
    }
  }

  /** Ordered by id with an if: safe. */
  void guarded(Account a, Account b) {
    Account first;
    Account second;
    if (a.id < b.id) {
      first = a;
      second = b;
    } else {
      first = b;
      second = a;
    }
    first.lock.lock();
    second.lock.lock();
    second.lock.unlock();
    first.lock.unlock();
  }

  /** Ordered by id with a conditional expression: safe. */
  void conditional(Account a, Account b) {
    Account first = a.id < b.id ? a : b;
    Account second = first == a ? b : a;
    synchronized (first) {
      synchronized (second) {
        first.balance = second.balance;
      }
    }
  }

  /** The second lock is taken in a callee: still two account locks in program order. */
  void throughCall(Account a, Account b) {
    a.lock.lock();
    try {
      deposit(b, 1);
    } finally {
      a.lock.unlock();
    }
  }

  private void deposit(Account to, long amount) {
    to.lock.lock();
    try {
      to.balance += amount;
    } finally {
      to.lock.unlock();
    }
  }
}
