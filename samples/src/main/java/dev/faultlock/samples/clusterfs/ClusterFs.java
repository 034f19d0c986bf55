package dev.faultlock.samples.clusterfs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clustered filesystem of one variant: a namespace of files, one {@link LockManager} shared by
 * every node (thread) that uses it, and {@code mmap}.
 */
public final class ClusterFs {
  private final FileSystemType type;
  private final LockManager locks = new LockManager();
  private final Map<String, FileOperations> files = new ConcurrentHashMap<>();
  private final AtomicLong lastInodeNumber = new AtomicLong();

  public ClusterFs(FileSystemType type) {
    this.type = type;
  }

  /** The variant whose file operations this filesystem uses. */
  public FileSystemType type() {
    return type;
  }

  /** The cluster's lock manager. */
  public LockManager locks() {
    return locks;
  }

  /**
   * Creates an empty file; inode numbers are given out in creation order.
   *
   * @throws IllegalArgumentException if a file of that name exists
   */
  public FileOperations create(String name) {
    FileOperations file = type.forInode(new Inode(lastInodeNumber.incrementAndGet(), name), locks);
    if (files.putIfAbsent(name, file) != null) {
      throw new IllegalArgumentException("file exists: " + name);
    }
    return file;
  }

  /** Creates a file holding {@code contents}, written through the variant's own {@code write}. */
  public FileOperations create(String name, byte[] contents) throws InterruptedException {
    FileOperations file = create(name);
    file.write(0, new HeapMemory(contents), contents.length);
    return file;
  }

  /**
   * The file called {@code name}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public FileOperations open(String name) {
    FileOperations file = files.get(name);
    if (file == null) {
      throw new IllegalArgumentException("no such file: " + name);
    }
    return file;
  }

  /**
   * Maps {@code length} bytes of {@code file} from {@code offset}, which must be page-aligned.
   * Nothing is faulted in yet.
   */
  public MappedMemory mmap(FileOperations file, long offset, long length, boolean writable) {
    return new MappedMemory(file, file.inode(), offset, length, writable);
  }
}
