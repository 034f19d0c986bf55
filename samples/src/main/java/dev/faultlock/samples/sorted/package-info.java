/**
 * The first fix: {@link dev.faultlock.samples.sorted.SortedFile} walks the buffer's mappings,
 * sorts their inode locks with its own by inode number and pre-acquires them all before the copy
 * ({@code @SortedAcquire}). faultlock must stay silent here.
 */
package dev.faultlock.samples.sorted;
