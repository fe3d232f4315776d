package dev.loglake.common.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.dataset.RawSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;

/** Task side of {@link RawRecords}: reads whole files and turns each record into a row. */
final class RecordFileReader implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SerializableConfiguration conf;
  private final RawSource source;

  RecordFileReader(SerializableConfiguration conf, RawSource source) {
    this.conf = conf;
    this.source = source;
  }

  /** Reads every file of the partition; the rows of one file at a time are held in memory. */
  Iterator<Row> readAll(Iterator<String> paths) {
    return new Iterator<>() {
      private Iterator<Row> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && paths.hasNext()) {
          current = readFile(paths.next()).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        hasNext();
        return current.next();
      }
    };
  }

  /** All records of one file, or a single {@code _file_error} row when it cannot be read whole. */
  List<Row> readFile(String file) {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = open(file)) {
      String mismatch = FileSignature.mismatch(file, source.format(), FileSignature.peek(in));
      if (mismatch != null) {
        return List.of(RowFactory.create(file, null, null, null, null, mismatch));
      }
      switch (source.format()) {
        case JSON -> {
          if (source.jsonArray()) {
            readJsonArray(file, in, rows);
          } else {
            readLines(file, in, rows, JsonRecords::parseLine);
          }
        }
        case CSV -> new CsvRecords(source.csvOptions()).read(file, reader(in), rows);
        case TEXT -> readLines(file, in, rows, line -> new Parsed(Map.of("value", line), null));
        default -> throw new IllegalArgumentException("RawRecords cannot read format " + source.format());
      }
      return rows;
    } catch (IOException | RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      return List.of(RowFactory.create(file, null, null, null, null, error));
    }
  }

  /** One parsed record: its fields, or why it could not be parsed. */
  record Parsed(Map<String, String> fields, String malformed) {}

  private InputStream open(String file) throws IOException {
    Path path = new Path(file);
    InputStream raw = path.getFileSystem(conf.value()).open(path);
    CompressionCodec codec = new CompressionCodecFactory(conf.value()).getCodec(path);
    if (codec != null) {
      return new java.io.BufferedInputStream(codec.createInputStream(raw), 1 << 16);
    }
    java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(raw, 1 << 16);
    buffered.mark(2);
    int b1 = buffered.read();
    int b2 = buffered.read();
    buffered.reset();
    // gzip without a .gz name: detected by its magic bytes.
    return b1 == 0x1f && b2 == 0x8b
        ? new java.io.BufferedInputStream(new java.util.zip.GZIPInputStream(buffered, 1 << 16), 1 << 16)
        : buffered;
  }

  /** Rows built by hand must carry Scala maps for MapType columns. */
  static scala.collection.Map<String, String> scala(Map<String, String> fields) {
    return fields == null ? null : scala.collection.JavaConverters.mapAsScalaMapConverter(fields).asScala();
  }

  static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private static void readLines(
      String file, InputStream in, List<Row> rows, java.util.function.Function<String, Parsed> parse)
      throws IOException {
    BufferedReader r = reader(in);
    long lineNumber = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      Parsed p = parse.apply(line);
      rows.add(RowFactory.create(file, lineNumber, RawRecords.truncate(line), scala(p.fields()), p.malformed(), null));
    }
  }

  private static void readJsonArray(String file, InputStream in, List<Row> rows) throws IOException {
    try (JsonParser parser = JSON.getFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        rows.add(RowFactory.create(file, 1L, null, null, "malformed_json: the file is not a JSON array", null));
        return;
      }
      while (true) {
        JsonToken token;
        long line = 0;
        try {
          token = parser.nextToken();
          if (token == null || token == JsonToken.END_ARRAY) {
            return;
          }
          line = parser.currentTokenLocation().getLineNr();
          JsonNode node = JSON.readTree(parser);
          Parsed p = JsonRecords.fromNode(node);
          rows.add(RowFactory.create(file, line, RawRecords.truncate(node.toString()), scala(p.fields()), p.malformed(), null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          // The rest of the array cannot be read: one quarantined record stands for it.
          rows.add(RowFactory.create(file, line, null, null, "malformed_json: " + e.getOriginalMessage(), null));
          return;
        }
      }
    }
  }
}
