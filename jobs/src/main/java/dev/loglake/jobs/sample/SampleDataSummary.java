package dev.loglake.jobs.sample;

import java.util.List;
import java.util.Locale;

/** What one {@link SampleDataGenerator#generate} run wrote, per dataset. */
public record SampleDataSummary(List<DatasetSummary> datasets) {

  public SampleDataSummary {
    datasets = List.copyOf(datasets);
  }

  public long totalFiles() {
    return datasets.stream().mapToLong(DatasetSummary::files).sum();
  }

  public long totalLines() {
    return datasets.stream().mapToLong(DatasetSummary::lines).sum();
  }

  public long totalBytes() {
    return datasets.stream().mapToLong(DatasetSummary::bytes).sum();
  }

  /** Human-readable report, one line per dataset plus a total line. */
  public String describe() {
    StringBuilder sb = new StringBuilder("Sample data written:\n");
    for (DatasetSummary d : datasets) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-14s %,8d files %,12d lines %10s written (%s uncompressed) at %s%n",
              d.dataset(),
              d.files(),
              d.lines(),
              humanBytes(d.bytes()),
              humanBytes(d.uncompressedBytes()),
              d.location()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-14s %,8d files %,12d lines %10s written%n",
            "total",
            totalFiles(),
            totalLines(),
            humanBytes(totalBytes())));
    return sb.toString();
  }

  private static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double kib = bytes / 1024.0;
    if (kib < 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", kib);
    }
    double mib = kib / 1024.0;
    if (mib < 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", mib);
    }
    return String.format(Locale.ROOT, "%.2f GiB", mib / 1024.0);
  }
}
