/**
 * The second fix: {@link dev.faultlock.samples.retry.RetryFile} copies with faults disabled under
 * its lock ({@code @FaultsDisabled}); on a short copy it drops the lock, faults the buffer in with
 * no lock held, and retries. faultlock must stay silent here.
 */
package dev.faultlock.samples.retry;
