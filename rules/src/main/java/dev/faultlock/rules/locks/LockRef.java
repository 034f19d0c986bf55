package dev.faultlock.rules.locks;

/**
 * One lock object as the checkers see it within a method.
 *
 * @param key the normalised expression two mentions of one lock share ({@code this.lock} for both
 *     {@code lock} and {@code this.lock}); two keys that differ are taken to be two locks
 * @param display the expression as the user wrote it, quoted in messages
 * @param lockClass the lock class: explicit {@code @LockClass}, else inferred
 */
public record LockRef(String key, String display, String lockClass) {

  /** This lock reached through {@code member}, such as {@code inode} to {@code inode.lock}. */
  LockRef select(String member, String memberClass) {
    String prefix = key.equals("this") ? "this." : key + ".";
    String shown = display.equals("this") ? member : display + "." + member;
    return new LockRef(prefix + member, shown, memberClass);
  }
}
