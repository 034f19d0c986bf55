/**
 * Whole-program points-to analysis over the IR ({@link dev.faultlock.ir}): which objects each
 * variable can be at run time and which methods each call can run, for lock identity (issue
 * #11: a lock is the set of objects its expression can be) and dispatch.
 *
 * <p><b>Design</b> (after Tai-e's {@code pascal.taie.analysis.pta}): Andersen-style inclusion,
 * field-sensitive (one pointer per object and field; arrays: one element field per array
 * object), static fields one pointer each, the call graph built on the fly from the receivers'
 * objects ({@link Solver}, {@link Statements}, {@link Calls}, {@link Dispatcher}); a worklist of
 * (pointer, new objects) pairs propagated by difference along the pointer flow graph ({@link
 * PointerFlowGraph}, {@link WorkList}); int ids for objects, pointers, methods and types, sets
 * as RoaringBitmaps ({@link Pointers}). Every variable, return value and program field admits
 * only objects its declared type can hold ({@link Types}): the IR is typed as the source is,
 * and without it context-insensitive merging in generic code (a {@code HashMap}'s nodes) gives
 * every {@code get} every value. Copy cycles are collapsed ({@link CopyCycles}).
 *
 * <p><b>Context</b>: insensitive, but for three statement shapes where merging made most of the
 * facts and none of the precision: objects of types no lock analysis tells apart (strings,
 * builders, primitive arrays, exceptions) are one per type ({@link Heap}); a method that returns
 * its receiver gives each call its own receiver ({@link MethodState#returnsThis}); a constructor's
 * stores of its parameters into its own fields are bound per call ({@link ConstructorStores}),
 * so two objects of one class constructed with two locks keep them apart.
 *
 * <p><b>Open world</b> ({@link OpenWorld}): every public or protected method of a public type
 * (and {@code main}) is an entry point whose receiver and parameters are symbolic objects, one
 * per declared type; a field no program code assigns holds one symbolic object per field; a
 * library call returns one symbolic object per library method ({@code Type.method()}). A call
 * on a symbolic receiver, or on one that gets no object at all, falls back to the front end's
 * class-hierarchy targets and is recorded ({@link PointsToResult#fellBack}). Tasks handed to a
 * thread, an executor or {@code CompletableFuture.*Async} are thread entries; JDK containers
 * are modelled ({@link JdkModels}).
 *
 * <p><b>Not modelled</b>: exceptions (a {@code catch} variable points to nothing); static
 * initializers and the field initializers of a class without a constructor, which the IR does
 * not lower (such fields are symbolic, one object per field); the inner arrays of {@code new
 * T[n][m]}; the enclosing instance of {@code outer.new Inner()} and the locals an anonymous
 * class captures; {@code String.valueOf(o)}'s call of {@code o.toString()}.
 */
package dev.faultlock.pta;
