package dev.faultlock.samples.clusterfs;

import dev.faultlock.annotations.LockClass;

/**
 * The cluster lock of one inode, as a DLM resource: {@link LockManager} grants it shared or
 * exclusive. Every instance belongs to lock class {@code inode}, so holding two of them at once is
 * the ABBA risk faultlock looks for.
 *
 * <p>Identity is the lock: two {@code InodeLock}s are the same resource only if they are the same
 * object (each {@link Inode} owns exactly one).
 */
@LockClass("inode")
public final class InodeLock {
  private final String name;

  InodeLock(long inodeNumber, String fileName) {
    this.name = "inode " + inodeNumber + " (" + fileName + ")";
  }

  @Override
  public String toString() {
    return name;
  }
}
