package dev.faultlock.locks;

import dev.faultlock.source.MethodInfo;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The targets of one call: the class-hierarchy answer, shared by every call with the same
 * receiver type and method (an interface call in a large program can have hundreds of targets,
 * and there are hundreds of thousands of calls), plus the few functions bound to the call later.
 */
public final class Targets extends AbstractList<MethodInfo> {
  private final List<MethodInfo> shared;
  private List<MethodInfo> extra;

  public Targets(List<MethodInfo> shared) {
    this.shared = shared;
  }

  @Override
  public MethodInfo get(int index) {
    return index < shared.size() ? shared.get(index) : extra.get(index - shared.size());
  }

  @Override
  public int size() {
    return shared.size() + (extra == null ? 0 : extra.size());
  }

  @Override
  public boolean add(MethodInfo m) {
    if (extra == null) extra = new ArrayList<>(2);
    return extra.add(m);
  }
}
