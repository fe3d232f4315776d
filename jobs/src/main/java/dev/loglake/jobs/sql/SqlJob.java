package dev.loglake.jobs.sql;

import dev.loglake.common.catalog.CatalogConfig;
import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.spark.SmallInputCodegen;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.jobs.processedtocurated.LakeTables;
import dev.loglake.jobs.processedtocurated.SqlRefs;
import dev.loglake.jobs.processedtocurated.TableRef;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.time.LocalDate;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one SQL statement over the lake and prints the result as a table. Every processed table (and
 * the system tables {@code _runs, _ledger, _quarantine, _events}) is {@code processed.<table>},
 * every Delta table of the curated zone {@code curated.<table>}: the catalog's tables where the jobs
 * registered them ({@code loglake.catalog}), else temp views over the zones' Delta tables. Other
 * catalog statements ({@code SHOW TABLES IN curated}) run as written.
 */
public final class SqlJob implements EtlJob<SqlConfig> {

  private final PrintStream out;

  public SqlJob() {
    this(System.out);
  }

  public SqlJob(PrintStream out) {
    this.out = out;
  }

  /**
   * {@code sql "SELECT ..." [--limit N]}: an argument that is neither an option nor an option's
   * value is the query, before or after the options.
   */
  public static void main(String[] args) {
    SqlJob job = new SqlJob();
    JobRunner.main(job, withQueryOption(args, job.options()));
  }

  static String[] withQueryOption(String[] args, List<JobOption> options) {
    int q = JobArgs.firstPositional(args, options);
    if (q < 0) {
      return args;
    }
    List<String> all = new ArrayList<>(List.of("--query", args[q]));
    all.addAll(Arrays.asList(args).subList(0, q));
    all.addAll(Arrays.asList(args).subList(q + 1, args.length));
    return all.toArray(String[]::new);
  }

  /** A read-only command: no row in the run history. */
  @Override
  public boolean recordsRun(SqlConfig config) {
    return false;
  }

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String description() {
    return "run one SQL statement over processed.<table> and curated.<table>, print the result";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value("query", "SQL", "the statement (or give it as the first argument)"),
        JobOption.value("limit", "N", "print at most N rows (default 100)"));
  }

  @Override
  public SqlConfig config(EtlConfig config) {
    return SqlConfig.from(config);
  }

  @Override
  public JobResult run(SparkSession spark, SqlConfig config) {
    LakeTables lake = new LakeTables(spark, config.etl().zones(), config.datasets());
    LakeCatalog catalog = new LakeCatalog(spark, config.catalog(), config.etl().zones());
    Map<String, String> sources = new TreeMap<>();
    String sql = SqlRefs.rewrite(config.query(), ref -> resolve(ref, config.catalog(), catalog, lake, sources));
    Dataset<Row> result = query(spark, config.query(), sql, lake);
    // A statement may read any table: run with code generation, as for a big input.
    List<Row> rows = SmallInputCodegen.run(spark, Long.MAX_VALUE, () -> result.limit(config.limit() + 1).collectAsList());
    boolean more = rows.size() > config.limit();
    List<Row> shown = more ? rows.subList(0, config.limit()) : rows;
    out.print(ResultTable.render(result.columns(), shown));
    out.println(
        more
            ? "(first " + config.limit() + " rows; raise --limit for more)"
            : "(" + rows.size() + " rows)");
    out.flush();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("rows_shown", shown.size());
    figures.put("tables", sources);
    return JobResult.succeeded(config.etl(), Clock.systemUTC(), figures);
  }

  /**
   * What {@code ref} becomes in the statement: the catalog's table when the jobs registered this
   * lake's table there, else a temp view over the zone's Delta table ({@code processed._quarantine} and {@code
   * processed._events} are always views: they union every dataset's tables). A table that exists
   * nowhere stays as written, and Spark names it in its error. Records the source in {@code sources}.
   */
  private static String resolve(
      TableRef ref, CatalogConfig config, LakeCatalog catalog, LakeTables lake, Map<String, String> sources) {
    String database = ref.isCurated() ? config.curated() : config.processed();
    boolean union = !ref.isCurated() && (ref.table().equals(LakeTables.QUARANTINE) || ref.table().equals(LakeTables.EVENTS));
    String path = LakeZones.join(ref.isCurated() ? lake.zones().curated() : lake.zones().processed(), ref.table());
    if (config.register() && !union && catalog.registeredAt(database, ref.table(), path)) {
      sources.put(ref.toString(), "catalog " + database + "." + ref.table());
      return "`" + database + "`.`" + ref.table() + "`";
    }
    Optional<Dataset<Row>> rows = lake.read(ref, "date", Optional.<List<LocalDate>>empty());
    if (rows.isEmpty()) {
      return ref.toString();
    }
    LakeTables.register(ref, rows.get());
    sources.put(ref.toString(), "lake");
    return "`" + ref.viewName() + "`";
  }

  private static Dataset<Row> query(SparkSession spark, String statement, String sql, LakeTables lake) {
    try {
      return spark.sql(sql);
    } catch (Exception e) {
      if (e instanceof AnalysisException) {
        List<String> tables = new ArrayList<>();
        lake.processedNames().forEach(t -> tables.add(TableRef.processed(t).toString()));
        lake.curatedNames().forEach(t -> tables.add(TableRef.curated(t).toString()));
        throw EtlErrors.badValue(
            "loglake.jobs.sql.query",
            statement,
            "a statement Spark can run ("
                + e.getMessage()
                + "); the tables are "
                + String.join(", ", tables));
      }
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
  }
}
