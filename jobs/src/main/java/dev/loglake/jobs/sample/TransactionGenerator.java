package dev.loglake.jobs.sample;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes payment transactions as CSV with a header, {@value #FILES_PER_DAY} files per day under
 * Hive-style day folders, rows in time order. Most customers are the web events' registered users.
 * About 0.5% of rows are bad: a non-numeric amount, an impossible or unparseable date, or a missing
 * column.
 */
final class TransactionGenerator {

  static final String DATASET = "transactions";
  static final String FOLDER = "events/transactions";
  static final String HEADER = "id,customer_id,transaction_date,amount,currency,status";
  static final int FILES_PER_DAY = 2;
  static final int ROWS_PER_FILE = 2500;
  static final int BAD_ROW_PER_10K = 50;

  private static final String[] CURRENCIES = {
    "USD", "USD", "USD", "USD", "USD", "USD", "EUR", "EUR", "EUR", "GBP", "GBP", "CAD", "AUD",
    "JPY", "CHF", "SEK"
  };
  private static final String[] BAD_AMOUNTS = {"N/A", "\"12,50\"", "abc", "$19.99", ""};
  private static final String[] BAD_DATES = {"2024-02-30T25:61:00Z", "yesterday", "05/01/2024"};

  private final FileSystem fs;

  TransactionGenerator(FileSystem fs) {
    this.fs = fs;
  }

  DatasetSummary generate(Path root, SampleDataOptions options) throws IOException {
    List<ParallelWrites.FileWrite> writes = new ArrayList<>();
    for (int d = 0; d < options.days(); d++) {
      LocalDate day = options.start().plusDays(d);
      for (int n = 0; n < FILES_PER_DAY; n++) {
        String folder = WebEventGenerator.dayFolder(FOLDER, day);
        Path file = new Path(root, folder + "/transactions-" + n + ".csv");
        long seed = Seeds.derive(options.seed(), "transactions", day.toEpochDay(), n);
        int fileNumber = n;
        writes.add(() -> writeFile(file, day, fileNumber, seed));
      }
    }
    FileStats totals = ParallelWrites.run(writes);
    return DatasetSummary.of(DATASET, new Path(root, FOLDER).toString(), totals);
  }

  private FileStats writeFile(Path file, LocalDate day, int fileNumber, long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long[] seconds = new long[ROWS_PER_FILE];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = day.toEpochDay() * 86_400L + random.nextLong(86_400L);
    }
    Arrays.sort(seconds);
    String idPrefix = "tx-" + day.toString().replace("-", "") + "-" + fileNumber;
    TextFormat time = new TextFormat();
    StringBuilder row = new StringBuilder(128);
    try (LineSink sink = LineSink.create(fs, file, false)) {
      sink.writeLine(HEADER);
      for (int i = 0; i < seconds.length; i++) {
        row.setLength(0);
        row.append(idPrefix);
        TextFormat.appendPadded(row, i, 6);
        row.append(',').append(customerId(random.nextInt(40_000))).append(',');
        time.appendSeconds(row, seconds[i]);
        row.append(',');
        TextFormat.appendCents(row, 99 + (long) Gaussian.logNormal(random, 4_000, 1.0));
        row.append(',').append(CURRENCIES[random.nextInt(CURRENCIES.length)]).append(',');
        row.append(status(random));
        if (random.nextInt(10_000) < BAD_ROW_PER_10K) {
          spoil(random, row);
        }
        sink.writeLine(row);
      }
      return sink.finish();
    }
  }

  /**
   * 70% of the purchases are by the web's registered users (their user_id, u-..., so
   * customer_activity_daily joins them with their sessions), the rest by guests (c-...).
   */
  private static String customerId(int draw) {
    return draw < 28_000 ? "u-" + (100_000 + draw % WebSessions.USERS) : "c-" + (10_000 + draw);
  }

  private static String status(SplittableRandom random) {
    int roll = random.nextInt(100);
    return roll < 86 ? "completed" : roll < 93 ? "pending" : roll < 97 ? "failed" : "refunded";
  }

  /** Replaces the amount or the date, or drops the last column. */
  private static void spoil(SplittableRandom random, StringBuilder row) {
    String[] columns = row.toString().split(",", -1);
    switch (random.nextInt(3)) {
      case 0 -> columns[3] = BAD_AMOUNTS[random.nextInt(BAD_AMOUNTS.length)];
      case 1 -> columns[2] = BAD_DATES[random.nextInt(BAD_DATES.length)];
      default -> columns = Arrays.copyOf(columns, columns.length - 1);
    }
    row.setLength(0);
    row.append(String.join(",", columns));
  }
}
