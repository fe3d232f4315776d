package dev.loglake.jobs.processedtocurated;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A curated table defined by a Spark SQL {@code SELECT} over {@code processed.*} and {@code
 * curated.*} tables, with the settings of its header.
 *
 * @param name the curated table's name (the file name without {@code .sql})
 * @param origin where it was defined, for messages (a file, or "generated for dataset x")
 * @param sql the model's SQL as written (header comments included)
 * @param partitionBy the output's date partition column
 * @param dependsOn every table the SQL reads (declared in the header or referenced in the SQL)
 * @param grain daily or hourly: documentation of the output's rows, recorded in lineage
 * @param writeMode how recomputed dates are written
 * @param readsDaysBefore output date d reads input dates from d minus this many days
 * @param readsDaysAfter ... up to d plus this many days
 * @param description one line for lineage
 */
public record Model(
    String name,
    String origin,
    String sql,
    String partitionBy,
    List<TableRef> dependsOn,
    String grain,
    WriteMode writeMode,
    int readsDaysBefore,
    int readsDaysAfter,
    String description) {

  public Model {
    dependsOn = List.copyOf(new TreeSet<>(dependsOn));
  }

  /** The curated models this one reads. */
  public Set<String> curatedInputs() {
    Set<String> out = new TreeSet<>();
    dependsOn.stream().filter(TableRef::isCurated).forEach(r -> out.add(r.table()));
    return out;
  }

  /** SHA-256 of the SQL text, recorded in the table's properties to tell which SQL built it. */
  public String sqlHash() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
