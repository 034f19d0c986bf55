package dev.faultlock.suggest;

/** How a suggestion's annotation reads in source: {@code @Acquires("lock")}. */
public final class AnnotationText {
  private AnnotationText() {}

  public static String of(Suggestion s) {
    return AnnotationEdits.render(s.simpleName(), s.values());
  }
}
