package dev.loglake.common.io;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * CSV records, one per line, parsed with univocity (Spark's own CSV parser). The header line names
 * the fields; a row with another number of values is malformed. Records spanning lines (quoted
 * newlines) are not supported: they come out malformed, never silently merged.
 */
final class CsvRecords {

  private final CsvParser parser;
  private final boolean header;

  CsvRecords(Map<String, String> options) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(options.getOrDefault("sep", ","));
    settings.getFormat().setQuote(options.getOrDefault("quote", "\"").charAt(0));
    settings.getFormat().setQuoteEscape(options.getOrDefault("escape", "\\").charAt(0));
    settings.getFormat().setLineSeparator("\n");
    settings.setMaxCharsPerColumn(-1);
    settings.setEmptyValue(null);
    settings.setNullValue(null);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    this.parser = new CsvParser(settings);
    this.header = Boolean.parseBoolean(options.getOrDefault("header", "true"));
  }

  void read(String file, BufferedReader in, List<Row> rows) throws IOException {
    String[] names = null;
    long lineNumber = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] values = parser.parseLine(line);
      if (names == null) {
        if (header) {
          names = values;
          continue;
        }
        names = positionalNames(values.length);
      }
      rows.add(toRow(file, lineNumber, line, names, values));
    }
  }

  private static Row toRow(String file, long lineNumber, String line, String[] names, String[] values) {
    String raw = RawRecords.truncate(line);
    if (values == null || values.length != names.length) {
      int got = values == null ? 0 : values.length;
      return RowFactory.create(
          file, lineNumber, raw, null, "malformed_csv: expected " + names.length + " values, got " + got, null);
    }
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      fields.put(names[i], values[i]);
    }
    return RowFactory.create(file, lineNumber, raw, RecordFileReader.scala(fields), null, null);
  }

  private static String[] positionalNames(int n) {
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = "_c" + i;
    }
    return names;
  }
}
