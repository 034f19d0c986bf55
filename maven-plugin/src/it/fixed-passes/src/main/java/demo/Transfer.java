package demo;

/** Moves bytes between two files. */
public final class Transfer {
  private Transfer() {}

  /** Takes two inode locks one after the other with no global order: a warning. */
  public static void move(MappedFile from, MappedFile to) {
    from.lock.lock();
    try {
      to.lock.lock();
      try {
        to.length();
      } finally {
        to.lock.unlock();
      }
    } finally {
      from.lock.unlock();
    }
  }
}
