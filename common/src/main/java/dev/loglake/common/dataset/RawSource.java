package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.error.EtlErrors;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where and how a dataset's raw files are read.
 *
 * @param path absolute file, folder or prefix
 * @param format the file format
 * @param layout how date folders are laid out under {@code path}
 * @param include only files whose name matches are read
 * @param jsonArray true when each JSON file holds one array rather than one object per line
 * @param csvOptions Spark CSV reader options (header, sep, quote, escape)
 */
public record RawSource(
    String path, Format format, Layout layout, Pattern include, boolean jsonArray, Map<String, String> csvOptions)
    implements java.io.Serializable {

  /** Raw file formats. */
  public enum Format {
    ALB, JSON, CSV, PARQUET, ORC, AVRO, TEXT, AUTO
  }

  /** Date-folder layouts. */
  public enum Layout {
    /** {@code year=YYYY/month=MM/day=DD} */
    HIVE,
    /** {@code YYYY/MM/DD} */
    SLASHED,
    /** {@code AWSLogs/<account>/elasticloadbalancing/<region>/YYYY/MM/DD} */
    AWSLOGS,
    /** No date folders: every file under the path is a candidate. */
    NONE
  }

  public RawSource {
    csvOptions = Map.copyOf(csvOptions);
  }

  /** The same source read as {@code f} (a format = auto file, once its format is detected). */
  public RawSource withFormat(Format f) {
    return new RawSource(path, f, layout, include, jsonArray, csvOptions);
  }

  static RawSource from(Config c, LakeZones zones, String where) {
    String path = Configs.requireString(c, "path", "Set " + where + ".raw.path to the dataset's raw files.");
    String format = c.getString("format");
    String layout = c.getString("layout");
    String jsonLayout = c.getString("json.layout");
    if (!jsonLayout.equals("lines") && !jsonLayout.equals("array")) {
      throw EtlErrors.badValue(where + ".raw.json.layout", jsonLayout, "lines or array");
    }
    Config csv = c.getConfig("csv");
    return new RawSource(
        absolute(path, zones),
        parseFormat(format, where),
        parseLayout(layout, where),
        Pattern.compile(c.getString("file-pattern")),
        jsonLayout.equals("array"),
        Map.of(
            "header", String.valueOf(csv.getBoolean("header")),
            "sep", csv.getString("delimiter"),
            "quote", csv.getString("quote"),
            "escape", csv.getString("escape")));
  }

  private static String absolute(String path, LakeZones zones) {
    boolean absolute = path.startsWith("/") || path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*");
    return absolute ? path : LakeZones.join(zones.raw(), path);
  }

  private static Format parseFormat(String format, String where) {
    try {
      return Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw EtlErrors.badValue(
          where + ".raw.format", format, "alb, json, csv, parquet, orc, avro, text or auto");
    }
  }

  private static Layout parseLayout(String layout, String where) {
    return switch (layout) {
      case "year=/month=/day=" -> Layout.HIVE;
      case "yyyy/MM/dd" -> Layout.SLASHED;
      case "AWSLogs" -> Layout.AWSLOGS;
      case "none" -> Layout.NONE;
      default -> throw EtlErrors.badValue(
          where + ".raw.layout", layout, "\"year=/month=/day=\", \"yyyy/MM/dd\", \"AWSLogs\" or \"none\"");
    };
  }
}
