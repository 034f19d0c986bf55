package dev.faultlock.ir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.analyzer.AnalyzerOptions;
import dev.faultlock.locks.CallContext;
import dev.faultlock.locks.LockEvent;
import dev.faultlock.locks.LockFactExtractor;
import dev.faultlock.locks.MethodFacts;
import dev.faultlock.source.MethodInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lowering resolves every call the old extractor resolved to the very same call site, over
 * real code: the test programs, the samples and this analyzer's own sources. Same lambdas in the
 * same order, the same calls (targets, library type, how the callee's frame maps to the
 * caller's), the same faults, every lock the extractor saw taken, its bindings.
 */
class LoweringAgreementTest {
  @ParameterizedTest
  @ValueSource(strings = {"src/test/resources/programs", "../samples/src/main/java", "src/main/java"})
  void callSitesAreTheExtractorsCalls(String sources) {
    AnalyzerOptions options = AnalyzerOptions.builder().source(Path.of(sources)).jobs(1).build();
    Front old = Front.lenient(options);
    Front lowered = Front.lenient(options);
    int compared = 0;
    for (MethodInfo m : old.index.methods()) {
      if (m.body() == null) continue;
      List<MethodFacts> facts = LockFactExtractor.extract(old.cx, m);
      MethodInfo same = lowered.index.methods().get(old.index.methods().indexOf(m));
      List<Lowering.Lowered> ir = Lowering.lower(lowered.cx, same);
      assertThat(ir.size()).as(m.signature()).isGreaterThanOrEqualTo(facts.size());
      for (int i = 0; i < facts.size(); i++) {
        MethodFacts f = facts.get(i);
        Lowering.Lowered l = ir.get(i);
        String what = f.method().signature();
        assertThat(l.ir().method().signature()).isEqualTo(what);
        // The lowering also sees calls the extractor's walk skipped (in array dimensions).
        assertThat(calls(l)).as(what).containsAll(calls(f));
        assertThat(faults(l)).as(what).isEqualTo(faults(f));
        assertThat(acquired(l)).as(what).containsAll(acquired(f));
        assertThat(l.unresolvedCalls()).as(what).isEqualTo(f.unresolvedCalls());
        assertThat(l.orderingGuard()).as(what).isEqualTo(f.orderingGuard());
        assertThat(l.entry().misuses()).as(what).isEqualTo(f.misuses());
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(20);
    // Lambdas the extractor never made (in a `?:`, returned) bind the lambdas written in them.
    Map<String, List<String>> bound = bindings(lowered);
    bindings(old).forEach((iface, functions) -> assertThat(bound.get(iface)).as(iface).containsAll(functions));
  }

  private static Set<String> calls(MethodFacts f) {
    Set<String> out = new TreeSet<>();
    for (LockEvent e : f.events()) {
      if (e instanceof LockEvent.Call c) {
        out.add(call(c.callee(), c.receiverType(), c.name(), c.argc(), c.targets(), c.libraryType(), c.context()));
      }
    }
    return out;
  }

  /** Written calls the extractor made an event of (not a library or anonymous class's constructor). */
  private static Set<String> calls(Lowering.Lowered l) {
    Set<String> out = new TreeSet<>();
    for (Stmt s : l.ir().stmts()) {
      if (!(s instanceof Stmt.Invoke i) || i.implicit() || i.site().lockApi() || !inBody(l, i)) continue;
      CallSite c = i.site();
      if (c.name().equals("<init>") && c.targets().isEmpty()) continue;
      out.add(call(c.callee(), c.receiverType(), c.name(), c.argc(), c.targets(), c.libraryType(), c.context()));
    }
    return out;
  }

  /** Not one of a constructor's field initializers, which the extractor never saw. */
  private static boolean inBody(Lowering.Lowered l, Stmt.Invoke i) {
    var node = l.ir().method().node();
    return node.getBegin().get().line <= i.line() && i.line() <= node.getEnd().get().line;
  }

  private static String call(String callee, String receiverType, String name, int argc,
      List<MethodInfo> targets, String libraryType, CallContext context) {
    return callee + " " + receiverType + " " + name + "/" + argc + " -> "
        + targets.stream().map(MethodInfo::signature).toList() + " lib " + libraryType + " on "
        + context.receiverIdentity() + "/" + context.receiverText() + " " + context.argIdentities()
        + context.argTexts() + " bound "
        + context.boundReceivers().entrySet().stream()
            .map(e -> e.getKey().signature() + "=" + String.join("/", e.getValue()))
            .sorted().toList();
  }

  private static Set<String> faults(MethodFacts f) {
    return f.events().stream()
        .filter(e -> e instanceof LockEvent.Fault)
        .map(e -> ((LockEvent.Fault) e).what())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> faults(Lowering.Lowered l) {
    Set<String> out = new TreeSet<>();
    for (Stmt s : l.ir().stmts()) {
      if (s instanceof Stmt.Invoke i && i.site().fault() != null && !i.implicit()) out.add(i.site().fault().what());
    }
    return out;
  }

  private static Set<String> acquired(MethodFacts f) {
    return f.events().stream()
        .filter(e -> e instanceof LockEvent.Acquire)
        .map(e -> ((LockEvent.Acquire) e).lock().toString())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> acquired(Lowering.Lowered l) {
    Set<String> out = new TreeSet<>();
    for (Stmt s : l.ir().stmts()) {
      if (s instanceof Stmt.MonitorEnter e) out.add(e.ref().toString());
      if (s instanceof Stmt.Invoke i) {
        for (LockOp op : i.site().ops()) if (op instanceof LockOp.Acquire a) out.add(a.lock().toString());
      }
    }
    return out;
  }

  private static Map<String, List<String>> bindings(Front f) {
    Map<String, List<String>> out = new TreeMap<>();
    f.cx.bindings().all().forEach((iface, fs) -> {
      List<String> sigs = new ArrayList<>();
      for (MethodInfo m : fs) sigs.add(m.signature());
      out.put(iface, sigs);
    });
    return out;
  }
}
