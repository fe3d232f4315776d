package dev.loglake.jobs.sample;

/**
 * What was written for one dataset.
 *
 * @param dataset short name, e.g. {@code alb_logs}
 * @param location root folder or prefix of the dataset's files
 * @param files number of files written
 * @param lines number of text lines written, headers and malformed lines included
 * @param bytes bytes written to storage (compressed size for gzip files)
 * @param uncompressedBytes size of the text before compression (equals {@code bytes} for plain
 *     text)
 */
public record DatasetSummary(
    String dataset, String location, long files, long lines, long bytes, long uncompressedBytes) {

  /** The lines that are records: all of them, but for the header line of each CSV file. */
  public long recordLines() {
    return dataset.equals(TransactionGenerator.DATASET) ? lines - files : lines;
  }

  static DatasetSummary of(String dataset, String location, FileStats totals) {
    return new DatasetSummary(
        dataset,
        location,
        totals.files(),
        totals.lines(),
        totals.bytes(),
        totals.uncompressedBytes());
  }
}
