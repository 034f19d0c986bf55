package dev.faultlock.summary;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a program (one module) does with locks and faults, as seen from its callers: the contents
 * of {@code META-INF/faultlock/summaries.json}. A later analysis of a module that depends on this
 * one reads it instead of the module's sources, so a fault handler in module A and a copy under
 * a lock in module B still meet.
 *
 * @param format the file format version, {@link #FORMAT}
 * @param types every type with at least one public or protected method, or a lock declaration
 * @param lockOrders every {@code @LockOrder} declaration, each outermost first
 */
public record ProgramSummary(int format, List<TypeSummary> types, List<List<String>> lockOrders) {
  /** The current format version. */
  public static final int FORMAT = 1;

  public ProgramSummary {
    types = List.copyOf(types);
    lockOrders = lockOrders.stream().map(List::copyOf).toList();
  }

  public static ProgramSummary empty() {
    return new ProgramSummary(FORMAT, List.of(), List.of());
  }

  /**
   * One type.
   *
   * @param name fully qualified, nested types with {@code .}
   * @param supertypes every supertype, transitively, fully qualified (so that calls through a
   *     library interface reach this module's implementations)
   * @param lockClass the type's {@code @LockClass}, or {@code null}
   * @param fieldLockClasses lock fields and their lock class (declared or inferred)
   * @param methods public and protected methods and constructors (named {@code <init>})
   */
  public record TypeSummary(
      String name,
      List<String> supertypes,
      String lockClass,
      Map<String, String> fieldLockClasses,
      List<MethodSummary> methods) {
    public TypeSummary {
      supertypes = List.copyOf(supertypes);
      // Sorted: the summaries file must be byte-identical from run to run (Map.copyOf iterates
      // in an order that changes with every JVM).
      fieldLockClasses = Collections.unmodifiableMap(new TreeMap<>(fieldLockClasses));
      methods = List.copyOf(methods);
    }
  }

  /**
   * One method.
   *
   * @param name simple name, {@code <init>} for a constructor
   * @param parameterTypes erased parameter types as written (simple names)
   * @param acquires lock classes the method may acquire, transitively
   * @param faults fault domains the method may fault in, transitively
   * @param faultHandler the domain of {@code @FaultHandler}, or {@code null} when it is none
   * @param sortedAcquire the class of {@code @SortedAcquire}, or {@code null}
   * @param faultsDisabled whether the method is {@code @FaultsDisabled}
   * @param location where it is declared, {@code file:line}
   */
  public record MethodSummary(
      String name,
      List<String> parameterTypes,
      List<Acquire> acquires,
      List<Fault> faults,
      String faultHandler,
      String sortedAcquire,
      boolean faultsDisabled,
      String location) {
    public MethodSummary {
      parameterTypes = List.copyOf(parameterTypes);
      acquires = List.copyOf(acquires);
      faults = List.copyOf(faults);
    }
  }

  /**
   * A lock a method may acquire.
   *
   * @param lockClass the lock class
   * @param lock the lock expression in the method that acquires it
   * @param shared whether it is taken in shared (read) mode
   * @param blocking whether the acquisition waits (false for {@code tryLock})
   * @param witness a short chain, each step {@code "file:line: what happens"}
   */
  public record Acquire(
      String lockClass, String lock, boolean shared, boolean blocking, List<String> witness) {
    public Acquire {
      witness = List.copyOf(witness);
    }
  }

  /** A fault domain a method may fault in, with a short witness chain. */
  public record Fault(String domain, List<String> witness) {
    public Fault {
      witness = List.copyOf(witness);
    }
  }
}
