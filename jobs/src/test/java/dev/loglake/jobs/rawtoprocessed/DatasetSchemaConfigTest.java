package dev.loglake.jobs.rawtoprocessed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.error.ConfigException;
import java.nio.file.Path;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nested types, source paths and derived columns as config: what loads, and the errors. */
class DatasetSchemaConfigTest {

  @TempDir Path dir;

  @Test
  void nestedTypesKeepTheirFieldNamesAndDerivedColumnsFollowTheDeclaredOnes() throws Exception {
    DatasetConfig ds = load("schema = [{ name = id }, { name = device, type = \"struct<type:string,osName:string>\","
        + " source = \"context.device\" }, { name = n, type = \"map<string, int>\" }],"
        + " derive = [{ name = total, expr = \"size(n)\" }, { name = id, expr = \"upper(id)\" }],"
        + " validation = [{ rule = range, column = total, min = 0 }]");

    assertThat(ds.schema().get(1).type().simpleString()).isEqualTo("struct<type:string,osName:string>");
    assertThat(ds.schema().get(1).sourceField()).isEqualTo("context");
    assertThat(ds.schema().get(1).sourcePath()).containsExactly("device");
    assertThat(ds.schema().get(2).type())
        .isEqualTo(DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType));
    assertThat(ds.columnNames()).containsExactly("id", "device", "n", "total");
    assertThat(ds.addedColumns()).containsExactly("total");
  }

  @Test
  void aNestedTypeThatDoesNotParseNamesTheColumn() {
    assertThatThrownBy(() -> load("schema = [{ name = device, type = \"struct<type:strng>\" }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Bad value for loglake.datasets.d.schema[0] column device.type: 'struct<type:strng>'."
            + " Expected a Spark DDL type such as struct<url:string,title:string>, array<string> or map<string,int>");
  }

  @Test
  void aMapNeedsStringKeys() {
    assertThatThrownBy(() -> load("schema = [{ name = m, type = \"map<int,string>\" }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Bad value for loglake.datasets.d.schema[0] column m.type: 'map<int,string>'."
            + " Expected map<string,...>: JSON object keys are strings.");
  }

  @Test
  void aSourcePathHasNoEmptyNamesOrQuotes() {
    assertThatThrownBy(() -> load("schema = [{ name = u, source = \"context..url\" }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Bad value for loglake.datasets.d.schema[0] column u.source: 'context..url'.");
    assertThatThrownBy(() -> load("schema = [{ name = u, source = \"context.'page'\" }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Bad value for loglake.datasets.d.schema[0] column u.source: 'context.'page''.");
  }

  @Test
  void aDerivedColumnNeedsAPlainName() {
    assertThatThrownBy(() -> load("schema = [{ name = a }], derive = [{ name = _x, expr = \"a\" }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Bad value for loglake.datasets.d.derive[0].name: '_x'.");
  }

  private DatasetConfig load(String body) throws Exception {
    TestLake lake = new TestLake(dir);
    Path conf = lake.write("../d.conf", "loglake.datasets.d { raw { path = d, format = json }, " + body + " }");
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);
    RawToProcessedConfig config = lake.config(job, "--config", conf.toString(), "--datasets", "d");
    return config.datasets().get(0);
  }
}
