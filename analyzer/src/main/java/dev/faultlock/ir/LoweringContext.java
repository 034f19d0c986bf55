package dev.faultlock.ir;

import dev.faultlock.callgraph.Dispatch;
import dev.faultlock.catalog.FaultMethods;
import dev.faultlock.callgraph.FunctionBindings;
import dev.faultlock.locks.LockNames;
import dev.faultlock.source.ProgramIndex;
import dev.faultlock.summary.LibrarySummaries;

/**
 * What the lowering of every method of one file shares: the program index, class-hierarchy
 * dispatch, lock names, the file's lambda bindings (its per-file cache entry says what it bound),
 * the library summaries and the methods the user named as faulting copies.
 */
public record LoweringContext(
    ProgramIndex index,
    Dispatch dispatch,
    LockNames names,
    FunctionBindings bindings,
    LibrarySummaries library,
    FaultMethods faultMethods) {}
