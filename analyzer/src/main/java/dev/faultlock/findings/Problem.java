package dev.faultlock.findings;

/**
 * Bad input met on the way (a file that does not parse or cannot be read, a missing classpath
 * entry, an unresolvable type where it matters): reported with file and line, never fatal.
 */
public record Problem(Location location, String message) {}
