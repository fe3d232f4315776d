package dev.loglake.jobs.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The sql command's arguments in any order, and its table's numbers as people read them. */
class SqlCommandLineTest {

  private static final List<dev.loglake.common.config.JobOption> OPTIONS = new SqlJob().options();
  private static final String Q = "SELECT api, requests FROM curated.alb_status_daily";

  @Test
  void theQueryMayComeBeforeBetweenOrAfterTheOptions() {
    List<String> want = List.of("--query", Q, "--loglake.lake.root", "lake", "--limit", "5");
    assertThat(SqlJob.withQueryOption(new String[] {Q, "--loglake.lake.root", "lake", "--limit", "5"}, OPTIONS))
        .containsExactlyElementsOf(want);
    assertThat(SqlJob.withQueryOption(new String[] {"--loglake.lake.root", "lake", "--limit", "5", Q}, OPTIONS))
        .containsExactlyElementsOf(want);
    assertThat(SqlJob.withQueryOption(new String[] {"--loglake.lake.root", "lake", Q, "--limit", "5"}, OPTIONS))
        .containsExactly("--query", Q, "--loglake.lake.root", "lake", "--limit", "5");
    assertThat(SqlJob.withQueryOption(new String[] {"--loglake.lake.root=lake", Q}, OPTIONS))
        .containsExactly("--query", Q, "--loglake.lake.root=lake");
    // --query given: nothing positional, the arguments stay as they are.
    assertThat(SqlJob.withQueryOption(new String[] {"--limit", "5", "--query", Q}, OPTIONS))
        .containsExactly("--limit", "5", "--query", Q);
  }

  @Test
  void doublesShowSixSignificantDigitsAndOtherValuesAsTheyAre() {
    String table = ResultTable.render(new String[] {"api", "latency_p95_ms", "share", "tiny", "requests"},
        List.of(RowFactory.create("orders", 201.12884999999994, 0.5, 1.0E-7, 1234567L),
            RowFactory.create("payments", 12.0, 1234567.891, null, 3L)));
    assertThat(table).isEqualTo(String.join("\n",
        "api      | latency_p95_ms | share     | tiny        | requests",
        "-------- | -------------- | --------- | ----------- | --------",
        "orders   | 201.129        | 0.5       | 1.00000e-07 | 1234567 ",
        "payments | 12.0           | 1234570.0 | NULL        | 3       ",
        ""));
  }
}
