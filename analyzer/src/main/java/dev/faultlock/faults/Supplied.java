package dev.faultlock.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a call hands on of its caller's own parameters ({@link ParameterFlow}): for the receiver
 * and each argument, the index of the caller's parameter whose object it is, or {@link
 * ParameterFlow#NONE}. The whole-program pass follows caller-supplied objects through these to
 * the alien calls made on them ({@link AlienCalls}).
 *
 * @param receiver the receiver's parameter, or {@link ParameterFlow#NONE}
 * @param args each argument's parameter, or {@link ParameterFlow#NONE}
 * @param argTypes each argument's static type, fully qualified, or {@code null} when unknown
 */
public record Supplied(int receiver, List<Integer> args, List<String> argTypes) {
  public Supplied {
    args = List.copyOf(args);
    argTypes = Collections.unmodifiableList(new ArrayList<>(argTypes));
  }

  /** The caller's parameter argument {@code i} is, or {@link ParameterFlow#NONE}. */
  public int arg(int i) {
    return i < args.size() ? args.get(i) : ParameterFlow.NONE;
  }
}
