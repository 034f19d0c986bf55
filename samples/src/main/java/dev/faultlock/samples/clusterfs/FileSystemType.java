package dev.faultlock.samples.clusterfs;

import java.util.function.BiFunction;

/** A filesystem variant: how it names itself and the file operations it gives an inode. */
public interface FileSystemType {
  /** A short name, such as {@code "buggy"}. */
  String name();

  /** The file operations of {@code inode}, locking through {@code locks}. */
  FileOperations forInode(Inode inode, LockManager locks);

  /** A variant called {@code name} whose files {@code files} makes. */
  static FileSystemType of(String name, BiFunction<Inode, LockManager, FileOperations> files) {
    return new FileSystemType() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public FileOperations forInode(Inode inode, LockManager locks) {
        return files.apply(inode, locks);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
