/**
 * The GFS deadlock: {@link dev.faultlock.samples.buggy.BuggyFile} holds a file's inode lock while
 * copying to or from a caller's buffer that may map another file, whose fault handler takes that
 * file's inode lock. faultlock must report {@code FaultUnderLock} here.
 */
package dev.faultlock.samples.buggy;
