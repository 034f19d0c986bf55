/**
 * The two-node, two-file workload of the post, runnable against any variant, with the hooks to
 * force the deadlocking interleaving ({@link dev.faultlock.samples.workload.Gate}) and to detect a
 * deadlock from the lock manager's wait-for graph. Used by the demo and the tests.
 */
package dev.faultlock.samples.workload;
