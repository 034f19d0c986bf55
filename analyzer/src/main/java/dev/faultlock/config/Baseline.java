package dev.faultlock.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultlock.analyzer.AnalysisResult;
import dev.faultlock.findings.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The findings a team has accepted for now, so that {@code check} fails only on new ones.
 *
 * <p>The command line ({@code --baseline}, {@code --write-baseline}) and the Maven plugin (the
 * {@code baseline} goal, {@code check}'s {@code baseline}) read and write this one format, so a
 * baseline written by either is honoured by both.
 *
 * <p>Entries are keyed by {@link Finding#fingerprint()}, which leaves line numbers out, so a
 * baseline survives unrelated edits. Rule, location and message are kept beside it only for the
 * people who review the file. One entry accepts one finding: two findings with one fingerprint
 * need two entries, so copying a known bug into a second place is still reported.
 */
public final class Baseline {
  /** Names the file's kind, so a JSON file of some other tool is refused with a clear message. */
  public static final String FORMAT = "faultlock-baseline";

  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * One accepted finding. {@code location} is {@code file:line} as the writer showed it (relative
   * to the module in Maven), for the reviewer: matching uses the fingerprint alone.
   */
  public record Entry(String fingerprint, String rule, String location, String message) {}

  /** The file's JSON shape. */
  private record Document(String format, Integer version, List<Entry> findings) {}

  /** How the current findings compare with the baseline. */
  public record Match(List<Finding> fresh, List<Finding> baselined, List<Entry> stale) {
    /** Every finding fresh: what runs without a baseline see. */
    public static Match none(List<Finding> findings) {
      return new Match(findings, List.of(), List.of());
    }

    /** {@code result} with only the fresh findings: accepted ones are neither reported nor fail. */
    public AnalysisResult reported(AnalysisResult result) {
      return new AnalysisResult(
          fresh, result.problems(), result.lockGraph(), result.stats(), result.summary());
    }
  }

  private final List<Entry> entries;

  private Baseline(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * A baseline that accepts exactly these findings.
   *
   * @param where how a finding's location is written in the file (relative to the module, so the
   *     file reads the same on every machine)
   */
  public static Baseline of(List<Finding> findings, Function<Finding, String> where) {
    List<Entry> entries = new ArrayList<>();
    for (Finding f : findings) {
      entries.add(new Entry(f.fingerprint(), f.rule().id(), where.apply(f), f.message()));
    }
    // A stable order keeps the file's diff small when the baseline is refreshed.
    entries.sort(
        Comparator.comparing(Entry::location)
            .thenComparing(Entry::rule)
            .thenComparing(Entry::fingerprint));
    return new Baseline(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * Reads a baseline file.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a faultlock baseline, naming the line
   */
  public static Baseline read(Path file) throws IOException {
    Document doc;
    try {
      // The kind is checked first, so another tool's JSON is named as such, not as a type error.
      JsonNode tree = JSON.readTree(Files.readAllBytes(file));
      if (tree == null || !FORMAT.equals(tree.path("format").asText(null))) {
        throw new IllegalArgumentException(
            "not a faultlock baseline: \"format\" must be \"" + FORMAT + "\"");
      }
      doc = JSON.treeToValue(tree, Document.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String line = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ": ";
      throw new IllegalArgumentException(
          "not a faultlock baseline: " + line + e.getOriginalMessage(), e);
    }
    if (doc.version() == null || doc.version() != VERSION) {
      throw new IllegalArgumentException(
          "unsupported baseline version " + doc.version() + ", this faultlock reads " + VERSION);
    }
    List<Entry> entries = doc.findings() == null ? List.of() : doc.findings();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e == null || e.fingerprint() == null || e.fingerprint().isBlank()) {
        throw new IllegalArgumentException(
            "not a faultlock baseline: findings[" + i + "] has no \"fingerprint\"");
      }
    }
    return new Baseline(entries);
  }

  /** Writes the baseline, creating parent directories. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.write(file, JSON.writeValueAsBytes(new Document(FORMAT, VERSION, entries)));
  }

  /** Splits findings into fresh and baselined ones; entries no finding used are stale. */
  public Match match(List<Finding> findings) {
    Map<String, Deque<Entry>> unused = new HashMap<>();
    for (Entry e : entries) {
      unused.computeIfAbsent(e.fingerprint(), k -> new ArrayDeque<>()).add(e);
    }
    List<Finding> fresh = new ArrayList<>();
    List<Finding> baselined = new ArrayList<>();
    for (Finding f : findings) {
      Deque<Entry> accepting = unused.get(f.fingerprint());
      if (accepting != null && !accepting.isEmpty()) {
        accepting.poll();
        baselined.add(f);
      } else {
        fresh.add(f);
      }
    }
    List<Entry> stale = new ArrayList<>();
    for (Entry e : entries) {
      Deque<Entry> left = unused.get(e.fingerprint());
      if (left.remove(e)) stale.add(e);
    }
    return new Match(fresh, baselined, stale);
  }
}
