package dev.faultlock.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stores and reads back one file's {@link FileDeclarations}, without syntax trees: everything
 * {@link ProgramIndex#build(List, LibraryTypes, int)} reads (written types, annotations with their
 * values, flags, the fields accessors return), so an index built from stored declarations equals
 * one built from parsing.
 *
 * <p>Written without line numbers, the same data is the file's <em>interface</em>: what other
 * files' facts can depend on. A body-only edit (lines shift, a statement changes) leaves it
 * unchanged.
 */
public final class Declarations {
  /** Bumped whenever the stored form or what it means changes. */
  public static final int FORMAT = 3;

  private Declarations() {}

  /** Writes {@code d}; with {@code lines} false every line number is written as 0. */
  public static void write(FileDeclarations d, Compact.Writer out, boolean lines) {
    FileContext file = d.file();
    out.string(file.shown());
    out.string(file.packageName());
    out.strings(file.imports());
    out.strings(file.methodReferences());
    annotations(d.packageAnnotations(), out, lines);
    List<TypeInfo> types = d.types();
    Map<TypeInfo, Integer> position = new HashMap<>();
    out.uint(types.size());
    for (TypeInfo t : types) {
      position.put(t, position.size());
      out.string(t.fqn);
      out.string(t.name);
      out.string(t.simpleName);
      out.uint(t.outer == null ? 0 : position.get(t.outer) + 1);
      out.bool(t.isInterface);
      out.bool(t.isRecord);
      annotations(t.annotations, out, lines);
      out.uint(lines ? t.line : 0);
      sorted(t.typeParameters, out);
      out.strings(t.writtenSupertypes);
      out.uint(t.fields.size());
      for (FieldInfo f : t.fields.values()) {
        out.string(f.name());
        out.string(f.type());
        out.bool(f.isStatic());
        annotations(f.annotations(), out, lines);
        out.uint(lines ? f.line() : 0);
      }
      out.uint(t.methods.size());
      for (MethodInfo m : t.methods) {
        out.string(m.name());
        out.strings(m.parameterNames());
        out.strings(m.writtenParameterTypes());
        out.strings(m.writtenParameters());
        out.uint(m.parameterAnnotations().size());
        for (Annotations a : m.parameterAnnotations()) annotations(a, out, lines);
        out.string(m.writtenReturn());
        annotations(m.annotations(), out, lines);
        out.uint(m.flags());
        out.uint(lines ? m.line() : 0);
        sorted(m.typeParameters(), out);
        MethodInfo.ReturnedField r = m.returnedField();
        out.bool(r != null);
        if (r != null) {
          out.string(r.field());
          out.bool(r.shared());
        }
      }
    }
  }

  /** Reads back what {@link #write} wrote with lines. */
  public static FileDeclarations read(Compact.Reader in) throws IOException {
    String shown = in.text();
    FileContext file = new FileContext(shown, in.text(), in.strings(), in.strings());
    Annotations pkg = annotations(in);
    int n = in.count();
    List<TypeInfo> types = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String fqn = in.text();
      String name = in.text();
      String simpleName = in.string();
      int outer = in.uint();
      if (outer > types.size()) throw new IOException("bad outer type");
      boolean isInterface = in.bool();
      boolean isRecord = in.bool();
      Annotations annotations = annotations(in);
      int line = in.uint();
      Set<String> typeParameters = Set.copyOf(in.strings());
      List<String> supertypes = in.strings();
      TypeInfo t =
          new TypeInfo(fqn, name, simpleName, file, outer == 0 ? null : types.get(outer - 1), null,
              isInterface, isRecord, annotations, line, typeParameters, supertypes);
      types.add(t);
      int fields = in.count();
      for (int f = 0; f < fields; f++) {
        String fieldName = in.text();
        String type = in.string();
        boolean isStatic = in.bool();
        Annotations fa = annotations(in);
        t.fields.put(fieldName, new FieldInfo(t, fieldName, type, isStatic, fa, in.uint()));
      }
      int methods = in.count();
      for (int k = 0; k < methods; k++) {
        String methodName = in.text();
        List<String> names = in.strings();
        List<String> written = in.strings();
        List<String> writtenTypes = in.strings();
        int pa = in.count();
        List<Annotations> paramAnnotations = new ArrayList<>(pa);
        for (int p = 0; p < pa; p++) paramAnnotations.add(annotations(in));
        if (written.size() != names.size() || writtenTypes.size() != names.size() || pa != names.size()) {
          throw new IOException("bad parameters");
        }
        String writtenReturn = in.string();
        Annotations ma = annotations(in);
        int flags = in.uint();
        int methodLine = in.uint();
        Set<String> methodTypeParameters = Set.copyOf(in.strings());
        MethodInfo.ReturnedField returned =
            in.bool() ? new MethodInfo.ReturnedField(in.text(), in.bool()) : null;
        List<String> unresolved = new ArrayList<>(names.size());
        for (int p = 0; p < names.size(); p++) unresolved.add(null);
        t.methods.add(
            new MethodInfo(t, methodName, names, unresolved, written, paramAnnotations, null, ma,
                null, null, flags, methodLine, methodTypeParameters, writtenTypes, writtenReturn,
                returned));
      }
    }
    return new FileDeclarations(file, pkg, types, false);
  }

  private static void annotations(Annotations a, Compact.Writer out, boolean lines) {
    Map<String, List<String>> values = new TreeMap<>(a.valueMap());
    out.uint(values.size());
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      out.string(e.getKey());
      out.strings(e.getValue());
      out.uint(lines ? a.lineMap().getOrDefault(e.getKey(), 0) : 0);
    }
  }

  private static Annotations annotations(Compact.Reader in) throws IOException {
    int n = in.count();
    if (n == 0) return Annotations.NONE;
    Map<String, List<String>> values = new HashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.text();
      values.put(name, List.copyOf(in.strings()));
      lines.put(name, in.uint());
    }
    return Annotations.of(values, lines);
  }

  private static void sorted(Set<String> set, Compact.Writer out) {
    out.strings(set.stream().sorted().toList());
  }
}
