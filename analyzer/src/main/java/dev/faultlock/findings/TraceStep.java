package dev.faultlock.findings;

/**
 * One step of a witness trace: where it happens and what happens there, such as "acquires inode
 * lock of `this`", "calls `UserMemory.write`", "faults -> `PagedFile.fault`".
 */
public record TraceStep(Location location, String description) {}
