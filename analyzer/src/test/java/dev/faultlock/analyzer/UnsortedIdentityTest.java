package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.AppProgram.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code UnsortedSameClassLocks} reports two locks of one class only when the analysis can name
 * both as possibly different objects (two parameters, a parameter and {@code this}, two
 * elements), not when the second one is merely unknown: H2's {@code session.getDatabase()} under
 * {@code synchronized (database)} is the same database (docs/evaluation.md, cause 3).
 */
class UnsortedIdentityTest {
  @TempDir Path dir;

  @Test
  void aLockReturnedByACallOrOfUnknownIdentityIsNotShownToBeAnotherObject() throws IOException {
    write("Database.java", """
        class Database {
          synchronized void commit() { }
        }
        """);
    write("Session.java", """
        import java.util.List;

        class Session {
          private final Database database = new Database();

          Database getDatabase() { return database; }

          void update(Session other) {
            synchronized (database) {
              synchronized (other.getDatabase()) {
                database.commit();
              }
              other.getDatabase().commit();
            }
          }

          void pick(List<Database> all) {
            synchronized (database) {
              synchronized (all.get(0)) {
                database.commit();
              }
            }
          }

          void merge(Session other) {
            synchronized (database) {
              synchronized (other.database) {
                database.commit();
              }
            }
          }

          void each(List<Database> all, Database first) {
            synchronized (first) {
              for (Database d : all) {
                synchronized (d) {
                  d.commit();
                }
              }
            }
          }
        }
        """);
    List<Finding> findings = analyse();
    // `d.commit()` re-takes `d`, already held: re-entry, not a second report of the pair at 38.
    assertThat(lines(findings)).containsExactly("Session.java:29", "Session.java:38");
    assertThat(findings.get(0).message())
        .startsWith("lock `other.database` (class Session.database) is acquired while `database` of the same class is held");
    assertThat(findings.get(1).message())
        .startsWith("lock `d` (class Database) is acquired while `first` of the same class is held");
  }

  private void write(String name, String source) throws IOException {
    AppProgram.write(dir, name, source);
  }

  private List<Finding> analyse() {
    return AppProgram.analyse(dir, Rule.UNSORTED_SAME_CLASS_LOCKS);
  }
}
