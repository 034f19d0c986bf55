package dev.faultlock.source;

/** A field of a program type. {@code type} is fully qualified and erased, or {@code null}. */
public record FieldInfo(
    TypeInfo owner, String name, String type, boolean isStatic, Annotations annotations, int line) {}
