package dev.faultlock.samples.clusterfs;

/**
 * A copy touched memory that cannot be made present: a write to a read-only mapping, or a page of
 * a mapping beyond end of file ({@code SIGSEGV}, {@code SIGBUS}; {@code EFAULT} from a system call).
 */
public final class MemoryFaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MemoryFaultException(String message) {
    super(message);
  }
}
