package dev.loglake.jobs.sql;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
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
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one SQL statement over the lake and prints the result as a table. Every processed table (and
 * the system tables {@code _runs, _ledger, _quarantine, _events}) is {@code processed.<table>},
 * every Delta table of the curated zone {@code curated.<table>}: temp views over the Delta paths,
 * registered at start, so nothing is written to a metastore.
 */
public final class SqlJob implements EtlJob<SqlConfig> {

  private final PrintStream out;

  public SqlJob() {
    this(System.out);
  }

  public SqlJob(PrintStream out) {
    this.out = out;
  }

  /** {@code sql "SELECT ..." [--limit N]}: a first argument that is not an option is the query. */
  public static void main(String[] args) {
    JobRunner.main(new SqlJob(), withQueryOption(args));
  }

  static String[] withQueryOption(String[] args) {
    if (args.length == 0 || args[0].startsWith("--")) {
      return args;
    }
    List<String> all = new ArrayList<>(List.of("--query", args[0]));
    all.addAll(Arrays.asList(args).subList(1, args.length));
    return all.toArray(String[]::new);
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
    List<String> tables = register(lake);
    Dataset<Row> result = query(spark, config.query(), tables);
    List<Row> rows = result.limit(config.limit() + 1).collectAsList();
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
    figures.put("tables", tables);
    return JobResult.succeeded(config.etl(), Clock.systemUTC(), figures);
  }

  /** Registers every table that exists; returns their names. */
  static List<String> register(LakeTables lake) {
    List<TableRef> refs = new ArrayList<>();
    lake.processedNames().forEach(t -> refs.add(TableRef.processed(t)));
    lake.curatedNames().forEach(t -> refs.add(TableRef.curated(t)));
    List<String> out = new ArrayList<>();
    for (TableRef ref : refs) {
      lake.read(ref, "date", java.util.Optional.<List<java.time.LocalDate>>empty())
          .ifPresent(
              rows -> {
                LakeTables.register(ref, rows);
                out.add(ref.toString());
              });
    }
    return out;
  }

  private static Dataset<Row> query(SparkSession spark, String sql, List<String> tables) {
    try {
      return spark.sql(SqlRefs.rewrite(sql));
    } catch (Exception e) {
      if (e instanceof AnalysisException) {
        throw EtlErrors.badValue(
            "loglake.jobs.sql.query",
            sql,
            "a statement Spark can run ("
                + e.getMessage()
                + "); the tables are "
                + String.join(", ", tables));
      }
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
  }
}
