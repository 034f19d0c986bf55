package dev.faultlock.rules.dataflow;

import com.sun.source.util.TreePath;

/** The held-lock dataflow fact before each point of one method or lambda body. */
interface HeldLockFacts {
  /**
   * The fact just before {@code path}'s leaf runs, or null when this source cannot tell and the
   * general engine must answer.
   */
  HeldLocks before(TreePath path);
}
