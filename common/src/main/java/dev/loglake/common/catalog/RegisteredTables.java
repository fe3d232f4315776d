package dev.loglake.common.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The tables loglake registered in the lake's embedded Derby metastore (local runs), kept in a file
 * next to the metastore's database folder: one line per table, {@code database.table}, a tab, its
 * location. A job whose tables are all in that file at their locations does not start the
 * metastore: starting Derby and Hive's client costs a few seconds of every small run.
 *
 * <p>Only for an embedded Derby metastore ({@code spark.sql.catalogImplementation=hive} and a
 * {@code jdbc:derby:;databaseName=...} URL): a shared metastore, Glue's, or the in-memory catalog
 * is always asked. The file counts only while the database exists and was created before the
 * file (a metastore deleted or created again is asked, and the file written anew). A table dropped
 * by hand from the metastore comes back when a job registers any new table, or at once after
 * deleting the file.
 */
final class RegisteredTables {

  static final String FILE = "registered-tables.tsv";
  private static final Pattern DERBY = Pattern.compile("^jdbc:derby:;databaseName=([^;]+)");

  private final Path database;
  private final Path file;

  private RegisteredTables(Path database) {
    this.database = database;
    this.file = database.resolveSibling(FILE);
  }

  /** The record of {@code spark}'s embedded Derby metastore; empty for any other catalog. */
  static Optional<RegisteredTables> of(SparkSession spark) {
    if (!"hive".equals(spark.sparkContext().getConf().get("spark.sql.catalogImplementation", "in-memory"))) {
      return Optional.empty();
    }
    String url = spark.sparkContext().hadoopConfiguration().get("javax.jdo.option.ConnectionURL", "");
    Matcher m = DERBY.matcher(url);
    return m.find() ? Optional.of(new RegisteredTables(Path.of(m.group(1)).toAbsolutePath())) : Optional.empty();
  }

  /** Whether every entry of {@code wanted} ({@code database.table} to location) is recorded as it is. */
  boolean covers(Map<String, String> wanted) {
    Map<String, String> recorded = read();
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(recorded.get(e.getKey())));
  }

  /** Records {@code registered} ({@code database.table} to location), which the metastore now holds. */
  void add(Map<String, String> registered) {
    Map<String, String> all = new TreeMap<>(read());
    all.putAll(registered);
    StringBuilder text = new StringBuilder();
    all.forEach((name, location) -> text.append(name).append('\t').append(location).append('\n'));
    try {
      // This process's own name, then renamed: a reader never sees half a file.
      Path tmp = file.resolveSibling(FILE + "." + ProcessHandle.current().pid() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + " (the record of the registered tables)", e);
    }
  }

  private Map<String, String> read() {
    Map<String, String> out = new TreeMap<>();
    try {
      // Derby writes service.properties when it creates the database (the folder's own time changes
      // at every start and stop).
      Path created = database.resolve("service.properties");
      if (!Files.isRegularFile(file) || !Files.isRegularFile(created)
          || Files.getLastModifiedTime(created).compareTo(Files.getLastModifiedTime(file)) > 0) {
        return out;
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          out.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    } catch (IOException e) {
      // Unreadable: ask the metastore, which is what happens without the file.
      return new TreeMap<>();
    }
    return out;
  }
}
