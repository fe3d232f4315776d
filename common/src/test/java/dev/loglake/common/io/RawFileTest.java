package dev.loglake.common.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RawFileTest {

  private static final long MODIFIED = Instant.parse("2025-07-01T23:30:00Z").toEpochMilli();

  @Test
  void dateOfAHiveFolder() {
    assertThat(new RawFile("s3a://raw/events/web/year=2024/month=03/day=10/part-0.json", 1, MODIFIED).date())
        .isEqualTo(LocalDate.of(2024, 3, 10));
  }

  @Test
  void dateOfAnAwsLogsFolder() {
    assertThat(RawFile.dateOf("s3://logs/AWSLogs/123456789012/elasticloadbalancing/eu-west-1/2026/01/17/"
        + "123456789012_elasticloadbalancing_eu-west-1_app.lb.1_20260117T0005Z_10.0.0.1_abc.log.gz", MODIFIED))
        .isEqualTo(LocalDate.of(2026, 1, 17));
  }

  @Test
  void theLastDateFolderWinsOverADateInTheDatasetsRoot() {
    assertThat(RawFile.dateOf("file:/lake/export/2020/01/01/feed/2024/12/31/f.csv", MODIFIED))
        .isEqualTo(LocalDate.of(2024, 12, 31));
    assertThat(RawFile.dateOf("file:/lake/2020/01/01/year=2024/month=2/day=29/f.csv", MODIFIED))
        .isEqualTo(LocalDate.of(2024, 2, 29));
  }

  @Test
  void aFileOutsideDateFoldersFallsBackToTheUtcDayOfItsModificationTime() {
    assertThat(RawFile.dateOf("file:/lake/raw/flat/2024-03-10.json", MODIFIED)).isEqualTo(LocalDate.of(2025, 7, 1));
    // 2024/13/45 is no calendar date, and a date in the file's name is no folder.
    assertThat(RawFile.dateOf("file:/lake/raw/flat/2024/13/45/x.json", MODIFIED)).isEqualTo(LocalDate.of(2025, 7, 1));
    assertThat(RawFile.dateOf("file:/lake/raw/flat/2024/03/10.json", MODIFIED)).isEqualTo(LocalDate.of(2025, 7, 1));
  }
}
