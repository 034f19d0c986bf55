package dev.faultlock.samples.clusterfs;

/** A file mapping that backs part of a caller's buffer (a VMA), found by walking the buffer. */
public record Mapping(Inode inode, boolean writable) {}
