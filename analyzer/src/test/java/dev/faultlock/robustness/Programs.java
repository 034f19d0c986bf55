package dev.faultlock.robustness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small programs with known lock-order problems, written next to the real code under test. */
final class Programs {
  private Programs() {}

  /**
   * Writes {@code Accounts.java}: two monitors taken in opposite orders (a lock-order cycle) and
   * two instances of one class nested without an order. Gives the runs under test findings to
   * keep stable, whatever else the input holds.
   */
  static Path abba(Path dir) throws IOException {
    Path file = dir.resolve("bank/Accounts.java");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        package bank;

        class Accounts {
          private final Object ledger = new Object();
          private final Object audit = new Object();
          private long balance;

          void post(long amount) {
            synchronized (ledger) {
              synchronized (audit) {
                balance += amount;
              }
            }
          }

          void review() {
            synchronized (audit) {
              synchronized (ledger) {
                balance = 0;
              }
            }
          }

          static void transfer(Accounts from, Accounts to, long amount) {
            synchronized (from) {
              synchronized (to) {
                from.balance -= amount;
                to.balance += amount;
              }
            }
          }
        }
        """);
    return file;
  }
}
