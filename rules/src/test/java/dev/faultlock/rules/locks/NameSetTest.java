package dev.faultlock.rules.locks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Names;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A NameSet answers for the names of each compilation's own table, one after another. */
class NameSetTest {
  private final NameSet set = new NameSet(Set.of("lock", "tryLock"));

  @Test
  void containsItsStringsAndNothingElse() {
    Names names = Names.instance(new Context());
    assertTrue(set.contains(names.fromString("lock")));
    assertTrue(set.contains(names.fromString("tryLock")));
    assertFalse(set.contains(names.fromString("unlock")));
    assertFalse(set.contains(names.fromString("loc")));
  }

  @Test
  void answersForAnotherCompilationsTableAndThenTheFirstAgain() {
    Names first = Names.instance(new Context());
    Names second = Names.instance(new Context());
    assertTrue(set.contains(first.fromString("lock")));
    assertTrue(set.contains(second.fromString("lock")));
    assertFalse(set.contains(second.fromString("put")));
    assertTrue(set.contains(first.fromString("tryLock")));
  }
}
