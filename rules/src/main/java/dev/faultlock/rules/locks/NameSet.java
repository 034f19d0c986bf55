package dev.faultlock.rules.locks;

import com.sun.tools.javac.util.Name;
import java.util.HashSet;
import java.util.Set;

/**
 * A fixed set of names tested against javac {@link Name}s without decoding them: {@code
 * Name.toString()} and {@code contentEquals} build a new {@code String} from the name's UTF-8
 * bytes each time, and the checkers ask about the name of every call and every annotation of a
 * compilation. The strings are interned once into the name table of the compilation being asked
 * about (javac's names are unique per table), and again only if another compilation asks.
 */
public final class NameSet {
  private record Interned(Name.Table table, Set<Name> names) {}

  private final Set<String> strings;
  private volatile Interned interned;

  public NameSet(Set<String> strings) {
    this.strings = Set.copyOf(strings);
  }

  /** Whether {@code name} is one of this set's strings. */
  public boolean contains(Name name) {
    Interned current = interned;
    if (current == null || current.table() != name.table) {
      Set<Name> names = new HashSet<>();
      for (String s : strings) {
        names.add(name.table.fromString(s));
      }
      current = new Interned(name.table, names);
      interned = current;
    }
    return current.names().contains(name);
  }
}
