package dev.faultlock.findings;

/**
 * One step of a witness trace: where it happens and what happens there, such as "acquires lock
 * `this` (class inode)", "calls `UserMemory.write`", "faults -> `PagedFile.fault`".
 */
public record TraceStep(Location location, String description) {}
