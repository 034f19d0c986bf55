/**
 * The shared model of a clustered filesystem (GFS, OCFS2, Lustre as seen from one of their
 * nodes): a DLM-like {@link dev.faultlock.samples.clusterfs.LockManager} with its own wait-for
 * graph, {@link dev.faultlock.samples.clusterfs.Inode}s with page caches, caller buffers ({@link
 * dev.faultlock.samples.clusterfs.UserMemory}) that are plain memory or a mapping of another file
 * whose faults take that file's lock, and the {@link dev.faultlock.samples.clusterfs.ClusterFs}
 * facade. The file operations themselves live in one package per variant: {@code buggy}, {@code
 * sorted}, {@code retry}.
 */
package dev.faultlock.samples.clusterfs;
