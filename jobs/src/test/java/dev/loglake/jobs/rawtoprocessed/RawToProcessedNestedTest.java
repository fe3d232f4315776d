package dev.loglake.jobs.rawtoprocessed;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Nested JSON through raw-to-processed: struct, array and map columns, and source paths. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class RawToProcessedNestedTest {

  static final String TRACKER = String.join("\n",
      "loglake.datasets.tracker {",
      "  raw { path = tracker, format = json }",
      "  schema = [",
      "    { name = id, nullable = false }",
      "    { name = page_url, source = \"context.page.url\" }",
      "    { name = device, type = \"struct<type:string,osName:string,screen:struct<w:int,h:int>>\", source = \"context.device\" }",
      "    { name = tags, type = \"array<string>\" }",
      "    { name = counts, type = \"map<string,int>\" }",
      "    { name = sent_ms, type = long, source = \"context.sent\" }",
      "  ]",
      "  key = [id]",
      "}");

  @TempDir Path dir;

  @Test
  void nestedValuesAreTypedAndPathsFollowedAndAValueOfTheWrongShapeIsABadType(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    Path conf = lake.write("../tracker.conf", TRACKER);
    lake.write("tracker/t.json", String.join("\n",
        "{\"id\":\"a\",\"context\":{\"page\":{\"url\":\"/home\",\"title\":\"Home\"},\"device\":{\"type\":\"mobile\","
            + "\"osName\":\"iOS\",\"screen\":{\"w\":390,\"h\":844}},\"sent\":1700000000000},\"tags\":[\"x\",\"y\"],"
            + "\"counts\":{\"clicks\":3,\"views\":10}}",
        "{\"id\":\"b\"}",
        "{\"id\":\"c\",\"context\":{\"device\":{\"type\":\"tablet\",\"screen\":{\"w\":\"wide\"}}}}",
        "{\"id\":\"d\",\"tags\":\"x\"}",
        "{\"id\":\"e\",\"counts\":{\"clicks\":\"many\"}}",
        "{\"id\":\"f\",\"context\":{\"page\":\"home\"}}",
        "{\"id\":\"g\",\"context\":{\"sent\":\"soon\"}}",
        "{\"id\":\"h\",\"context\":{\"device\":{\"type\":\"desktop\",\"browser\":\"x\"},\"page\":{}},\"tags\":[],\"counts\":{}}",
        "{\"id\":\"i\",\"context\":\"none\"}",
        "{\"id\":\"j\",\"context\":null,\"tags\":null}"));
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);

    job.run(spark, lake.config(job, "--config", conf.toString(), "--datasets", "tracker"));

    var table = lake.table(spark, "processed/tracker");
    assertThat(table.select("id", "page_url", "device", "tags", "counts", "sent_ms").schema().simpleString())
        .isEqualTo("struct<id:string,page_url:string,device:struct<type:string,osName:string,screen:struct<w:int,h:int>>,"
            + "tags:array<string>,counts:map<string,int>,sent_ms:bigint>");
    assertRows(table.selectExpr("id", "page_url", "device", "tags", "to_json(counts)", "sent_ms"),
        row("a", "/home", row("mobile", "iOS", row(390, 844)), List.of("x", "y"), "{\"clicks\":3,\"views\":10}",
            1700000000000L),
        row("b", null, null, null, null, null),
        row("h", null, row("desktop", null, null), List.of(), "{}", null),
        row("j", null, null, null, null, null));
    assertRows(lake.table(spark, "processed/_quarantine/tracker").select("line_number", "reasons"),
        row(3L, List.of("bad_type:device")),
        row(4L, List.of("bad_type:tags")),
        row(5L, List.of("bad_type:counts")),
        row(6L, List.of("bad_type:page_url")),
        row(7L, List.of("bad_type:sent_ms")),
        row(9L, List.of("bad_type:page_url", "bad_type:device", "bad_type:sent_ms")));
  }

  @Test
  void aFieldNamedLikeThePathIsReadAsItIsAndThePathsTopFieldIsNoUnknownField(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    Path conf = lake.write("../tracker.conf", TRACKER);
    lake.write("tracker/t.json", String.join("\n",
        "{\"id\":\"a\",\"context.page.url\":\"/flat\",\"context\":{\"page\":{\"url\":\"/nested\"}}}",
        "{\"id\":\"b\",\"context\":{\"page\":{\"url\":\"/x\"}},\"colour\":\"red\"}"));
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);

    job.run(spark, lake.config(job, "--config", conf.toString(), "--datasets", "tracker"));

    assertRows(lake.table(spark, "processed/tracker").select("id", "page_url"), row("a", "/flat"));
    assertRows(lake.table(spark, "processed/_quarantine/tracker").select("line_number", "reasons"),
        row(2L, List.of("schema:unknown-field:colour")));
  }
}
