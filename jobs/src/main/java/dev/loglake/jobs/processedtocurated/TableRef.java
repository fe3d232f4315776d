package dev.loglake.jobs.processedtocurated;

import java.util.Locale;

/**
 * A table a model reads, as written in its SQL: {@code processed.<table>} or {@code
 * curated.<table>}.
 *
 * @param zone {@code processed} or {@code curated}
 * @param table the table name in that zone
 */
public record TableRef(String zone, String table) implements Comparable<TableRef> {

  public static final String PROCESSED = "processed";
  public static final String CURATED = "curated";

  public TableRef {
    zone = zone.toLowerCase(Locale.ROOT);
    table = table.toLowerCase(Locale.ROOT);
    if (!zone.equals(PROCESSED) && !zone.equals(CURATED)) {
      throw new IllegalArgumentException("zone must be processed or curated, got " + zone);
    }
  }

  /**
   * Parses {@code processed.x} or {@code curated.x}; empty when {@code text} is not of that form.
   */
  public static java.util.Optional<TableRef> parse(String text) {
    String[] parts = text.strip().split("\\.");
    if (parts.length != 2 || !parts[1].matches("[A-Za-z0-9_]+")) {
      return java.util.Optional.empty();
    }
    String zone = parts[0].toLowerCase(Locale.ROOT);
    if (!zone.equals(PROCESSED) && !zone.equals(CURATED)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new TableRef(zone, parts[1]));
  }

  public static TableRef processed(String table) {
    return new TableRef(PROCESSED, table);
  }

  public static TableRef curated(String table) {
    return new TableRef(CURATED, table);
  }

  public boolean isCurated() {
    return zone.equals(CURATED);
  }

  /** The temp view name a model's SQL resolves this reference to: the quoted two-part name. */
  public String viewName() {
    return zone + "." + table;
  }

  @Override
  public int compareTo(TableRef o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return zone + "." + table;
  }
}
