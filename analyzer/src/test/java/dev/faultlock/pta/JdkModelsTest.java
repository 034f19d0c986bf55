package dev.faultlock.pta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK models: objects through collections, maps, references; tasks into threads. */
class JdkModelsTest {
  @TempDir Path dir;

  private Pta main(String imports, String body) {
    String src = "package p;\n\n" + imports + "\npublic class Main {\n"
        + "  public static void main(String[] args) {\n" + body + "\n  }\n}\n";
    pta = Pta.of(dir, "p/Main.java", src);
    return pta;
  }

  private Pta pta;

  private String site(String type, String text) {
    return pta.site("p/Main.java", type, text);
  }

  private List<String> of(String var) {
    return pta.pointsTo("p.Main", "main", var);
  }

  @Test
  void listsKeepTheirElementsApartByListObject() {
    main("import java.util.*;\n", """
        List<Object> locks = new ArrayList<>();
        List<Object> names = new LinkedList<>();
        locks.add(new Object());
        names.add(new StringBuffer());
        Object first = locks.get(0);
        for (Object each : locks) {
          Object seen = each;
        }
        Iterator<Object> it = names.iterator();
        Object next = it.next();
        List<Object> copy = new ArrayList<>(locks);
        Object copied = copy.get(0);
        """);

    String lock = site("Object", "new Object()");
    assertThat(of("first")).containsExactly(lock);
    assertThat(of("seen")).containsExactly(lock);
    assertThat(of("next")).containsExactly(site("StringBuffer", "new StringBuffer()"));
    assertThat(of("copied")).containsExactly(lock);
  }

  @Test
  void mapsKeepKeysAndValuesThroughTheirViews() {
    main("import java.util.*;\n", """
        Map<String, Object> locks = new HashMap<>();
        locks.put("a", new Object());
        Object got = locks.get("a");
        Object made = locks.computeIfAbsent("b", k -> new StringBuffer());
        for (Object v : locks.values()) {
          Object value = v;
        }
        for (Map.Entry<String, Object> e : locks.entrySet()) {
          Object entry = e.getValue();
          String key = e.getKey();
        }
        """);

    String lock = site("Object", "new Object()");
    String builder = site("StringBuffer", "new StringBuffer()");
    assertThat(of("got")).containsExactlyInAnyOrder(lock, builder);
    assertThat(of("made")).containsExactlyInAnyOrder(lock, builder);
    assertThat(of("value")).containsExactlyInAnyOrder(lock, builder);
    assertThat(of("entry")).containsExactlyInAnyOrder(lock, builder);
    assertThat(of("key")).containsExactly("\"string\"");
  }

  @Test
  void optionalAtomicReferenceAndThreadLocalHoldTheirValue() {
    main("import java.util.*;\nimport java.util.concurrent.atomic.AtomicReference;\n", """
        Optional<Object> o = Optional.of(new Object());
        Object fromOptional = o.get();
        AtomicReference<Object> ref = new AtomicReference<>(new StringBuffer());
        Object fromReference = ref.get();
        ThreadLocal<Object> local = ThreadLocal.withInitial(() -> new Thread());
        Object fromLocal = local.get();
        """);

    assertThat(of("fromOptional")).containsExactly(site("Object", "new Object()"));
    assertThat(of("fromReference")).containsExactly(site("StringBuffer", "new StringBuffer()"));
    assertThat(of("fromLocal")).containsExactly(site("Thread", "new Thread()"));
  }

  @Test
  void tasksHandedToThreadsAndExecutorsRunInThreadsOfTheirOwn() {
    String src = """
        package p;

        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;

        public class Main {
          public static void main(String[] args) {
            Object shared = new Object();
            new Thread(() -> {
              Object inThread = shared;
            }).start();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            pool.submit(() -> {
              Object inPool = shared;
            });
            CompletableFuture.runAsync(new Task());
            new Worker().start();
            Runnable sync = () -> {};
            sync.run();
          }
        }

        class Task implements Runnable {
          public void run() {}
        }

        class Worker extends Thread {
          public void run() {}
        }
        """;
    pta = Pta.of(dir, "p/Main.java", src);

    String shared = site("Object", "new Object()");
    String thread = pta.declaring("p.Main", "inThread");
    String pooled = pta.declaring("p.Main", "inPool");
    assertThat(pta.pointsTo("p.Main", thread, "inThread")).containsExactly(shared);
    assertThat(pta.pointsTo("p.Main", pooled, "inPool")).containsExactly(shared);
    assertThat(pta.result.threadEntries()).extracting(m -> m.owner().name() + "." + m.name())
        .containsExactlyInAnyOrder("Main." + thread, "Main." + pooled, "Task.run", "Worker.run");
    // Started, not called: the thread's body is no callee of start(); a plain run() is a call.
    assertThat(pta.callees("p.Main", "main", "start")).isEmpty();
    assertThat(pta.callees("p.Main", "main", "run")).hasSize(1)
        .noneMatch(c -> c.equals("Main." + thread) || c.equals("Main." + pooled));
  }

  /**
   * Stand-ins for the JDK's own {@code Map} and {@code HashMap} in the program (as when java.base is analysed):
   * its body keeps every value in one array allocated at one site, so analysed as code it would
   * give every {@code get} every value put into any map.
   */
  private static final String HASH_MAP = """
      package java.util;

      public class HashMap<K, V> implements Map<K, V> {
        private Object[] table;

        public HashMap() {
          table = new Object[16];
        }

        public V put(K key, V value) {
          Object[] t = table;
          t[0] = value;
          return null;
        }

        public V get(Object key) {
          Object[] t = table;
          return (V) t[0];
        }

        public int size() {
          return 0;
        }
      }
      """;

  private static final String MAP = """
      package java.util;

      public interface Map<K, V> {
        V put(K key, V value);

        V get(Object key);

        int size();
      }
      """;

  @Test
  void theModelRunsForAJdkCollectionWhoseSourcesAreInTheProgram() {
    pta = Pta.of(dir, "java/util/Map.java", MAP, "java/util/HashMap.java", HASH_MAP, "p/Main.java", """
        package p;

        import java.util.HashMap;
        import java.util.Map;

        public class Main {
          public static void main(String[] args) {
            Map<String, Object> locks = new HashMap<>();
            Map<String, Object> names = new HashMap<>();
            locks.put("a", new Object());
            names.put("b", new StringBuffer());
            Object got = locks.get("a");
            int n = locks.size();
          }

          public static Object viaParameter(Map<String, Object> m) {
            m.put("k", new Thread());
            Object back = m.get("k");
            return back;
          }
        }
        """);

    assertThat(of("got")).containsExactly(site("Object", "new Object()"));
    // The call still runs the JDK method (for the lock analysis): it is its callee.
    assertThat(pta.callees("p.Main", "main", "get")).containsExactly("HashMap.get");
    // A method the model does not know runs its body.
    assertThat(pta.callees("p.Main", "main", "size")).containsExactly("HashMap.size");
    // On a symbolic map, the model holds what the program put in; nothing flows into the body.
    String thread = site("Thread", "new Thread()");
    assertThat(pta.pointsTo("p.Main", "viaParameter", "back")).contains(thread);
    assertThat(pta.pointsTo("java.util.HashMap", "put", "value")).doesNotContain(thread)
        .doesNotContain(site("Object", "new Object()"));
    assertThat(pta.pointsTo("java.util.HashMap", "get", "t")).doesNotContain(thread);
  }
}
