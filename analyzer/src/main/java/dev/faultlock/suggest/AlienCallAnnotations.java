package dev.faultlock.suggest;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import dev.faultlock.catalog.LockApi;
import dev.faultlock.faults.AlienCalls;
import dev.faultlock.findings.Location;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.locks.Witness;
import dev.faultlock.source.MethodInfo;
import dev.faultlock.summary.Effects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code @UserBuffer} and {@code @FaultHandler} for the alien calls the whole-program pass
 * reports as {@code FaultUnderLock} errors ({@link AlienCalls}): a method holding a lock hands a
 * caller-supplied object (jimfs's {@code transferTo} target channel) to a call whose program
 * implementations take another lock of the held lock's class (another jimfs file's {@code
 * write}). The parameter becomes a {@code @UserBuffer}: Error Prone then flags the call that hands
 * it on under the lock as a faulting copy, at the line the whole-program pass reports.
 *
 * <p>The implementations are {@code @FaultHandler}s of that copy, but only when asked: Error Prone
 * does not read the annotation, and the whole-program pass, which finds the alien call without it,
 * then runs every such handler in every {@code @UserBuffer} copy of the program and reports the
 * same copy again per handler. On jimfs 1.3.0 applying the handlers took {@code faultlock check}
 * from 3 errors and 3 warnings to 8 errors and 19 warnings (the same copies, reported per
 * handler); without them the findings stay the 6 they were.
 *
 * <p>Only where Error Prone will see the lock held at the call: the lock is taken in the method
 * itself ({@code lock()}, {@code synchronized}), not through a call, whose effect on locks the
 * per-file checker knows only from an annotation (and which may be an inferred guard no one
 * would annotate, see {@link GuardAnnotations}). Only errors, the same class on both sides: a handler taking a lock of another class is a
 * warning of the whole-program pass, and Error Prone, which cannot tell the classes apart at the
 * copy, would make it a compile error. Lambdas have no declaration to annotate; a lambda handler
 * or a lambda holding the lock gets nothing.
 */
final class AlienCallAnnotations {
  private final AlienCalls aliens;
  private final Map<MethodInfo, Effects> effects;
  private final boolean faultHandlers;

  AlienCallAnnotations(AlienCalls aliens, Map<MethodInfo, Effects> effects, boolean faultHandlers) {
    this.aliens = aliens;
    this.effects = effects;
    this.faultHandlers = faultHandlers;
  }

  List<Suggestion> suggest(List<MethodFacts> facts) {
    List<Suggestion> out = new ArrayList<>();
    for (MethodFacts f : facts) {
      MethodInfo m = f.method();
      for (LockEvent e : f.events()) {
        if (!(e instanceof LockEvent.Call c) || c.held().isEmpty()) continue;
        for (AlienCalls.Reach r : aliens.at(m, c)) {
          // As the rule reports it: one finding per call and object, an error when its first
          // fault is of the held lock's class.
          List<AlienCalls.Fault> found = aliens.faults(f, c, r, effects);
          if (found.isEmpty() || !found.get(0).sameClass()) continue;
          for (AlienCalls.Fault x : found) {
            if (x.sameClass() && Witness.length(x.held().how()) == 1) suggest(m, c, x, out);
          }
        }
      }
    }
    return out;
  }

  private void suggest(MethodInfo m, LockEvent.Call c, AlienCalls.Fault x, List<Suggestion> out) {
    AlienCalls.Site site = x.reach().site();
    int p = x.reach().parameter();
    String lock = "`" + x.held().lock().text() + "` (class " + x.held().lock().lockClass() + ")";
    if (!m.isLambda() && m.node() instanceof CallableDeclaration<?> d && p < d.getParameters().size()) {
      Parameter parameter = d.getParameter(p);
      out.add(new Suggestion(parameter, LockApi.USER_BUFFER, List.of(),
          new Location(m.owner().file().shown(), line(parameter, m), 0),
          m.display() + " holds " + lock + " at line " + c.at().line() + " while `"
              + parameter.getNameAsString() + "` reaches `" + site.callee() + "` (" + site.at()
              + "), which runs `" + x.handler().display() + "`, which takes a lock of that class"));
    }
    MethodInfo handler = x.handler();
    if (faultHandlers && !handler.isLambda() && handler.node() instanceof CallableDeclaration<?>) {
      out.add(new Suggestion(handler.node(), LockApi.FAULT_HANDLER, List.of(),
          new Location(handler.owner().file().shown(), handler.line(), 0),
          handler.display() + " runs inside the alien call `" + site.callee() + "` ("
              + site.at() + ") and takes `" + x.acquire().lock().text() + "` (class "
              + x.acquire().lock().lockClass() + ")"));
    }
  }

  private static int line(Parameter parameter, MethodInfo m) {
    return parameter.getBegin().map(b -> b.line).orElse(m.line());
  }
}
