package dev.loglake.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed must reproduce every byte; another seed must not. */
class SampleDataDeterminismTest {

  @TempDir java.nio.file.Path dir;

  @Test
  void sameSeedWritesByteIdenticalFilesAndAnotherSeedDiffers() throws IOException {
    Map<String, byte[]> first = generate("first", 11L);
    Map<String, byte[]> second = generate("second", 11L);
    Map<String, byte[]> other = generate("other", 12L);

    assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
    for (Map.Entry<String, byte[]> file : first.entrySet()) {
      assertThat(Arrays.equals(file.getValue(), second.get(file.getKey())))
          .as(file.getKey())
          .isTrue();
    }
    assertThat(other.keySet())
        .filteredOn(k -> k.startsWith("AWSLogs/"))
        .doesNotContainAnyElementsOf(first.keySet());
    String csv = "events/transactions/year=2024/month=05/day=01/transactions-0.csv";
    assertThat(other.get(csv)).isNotEqualTo(first.get(csv));
    String json = "events/web/year=2024/month=05/day=01/part-0.json";
    assertThat(other.get(json)).isNotEqualTo(first.get(json));
  }

  @Test
  void scalesAlbOutputToTheRequestedSize() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    SampleDataSummary summary =
        new SampleDataGenerator(fs)
            .generate(
                new Path(dir.toString()),
                new SampleDataOptions(LocalDate.of(2024, 5, 1), 2, 3L, 8));
    DatasetSummary alb = summary.datasets().get(0);
    assertThat(alb.dataset()).isEqualTo("alb_logs");
    assertThat(alb.files()).isEqualTo(2 * 288 * 2);
    assertThat(alb.uncompressedBytes()).isBetween(15L << 19, 17L << 19);
  }

  private Map<String, byte[]> generate(String name, long seed) throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    java.nio.file.Path out = dir.resolve(name);
    new SampleDataGenerator(fs)
        .generate(
            new Path(out.toString()), new SampleDataOptions(LocalDate.of(2024, 5, 1), 1, seed, 3));
    Map<String, byte[]> files = new LinkedHashMap<>();
    List<String> names = SampleDataGeneratorTest.relativeFiles(out);
    for (String file : names) {
      files.put(file, Files.readAllBytes(out.resolve(file)));
    }
    return files;
  }
}
