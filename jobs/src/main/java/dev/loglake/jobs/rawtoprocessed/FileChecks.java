package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.io.RawFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What is known of a batch's files from their listing alone: empty files (0 bytes) hold no rows and
 * are committed without being read; files over the dataset's {@code max-file-bytes} are not read
 * and are recorded as failed with the reason.
 *
 * @param toRead the files to read, in listing order
 * @param rejected path to the reason of each file that is not read and fails
 */
record FileChecks(List<RawFile> toRead, Map<String, String> rejected) {

  FileChecks {
    toRead = List.copyOf(toRead);
    rejected = Map.copyOf(rejected);
  }

  static FileChecks of(DatasetConfig ds, List<RawFile> files) {
    OptionalLong max = ds.maxFileBytes();
    List<RawFile> toRead = new ArrayList<>();
    Map<String, String> rejected = new TreeMap<>();
    for (RawFile f : files) {
      if (max.isPresent() && f.size() > max.getAsLong()) {
        rejected.put(f.path(), String.format(Locale.ROOT,
            "%s is %,d bytes, over the dataset's max-file-bytes of %,d; it was not read. Split the file, or raise"
                + " loglake.datasets.%s.max-file-bytes and run again", f.path(), f.size(), max.getAsLong(), ds.name()));
      } else if (f.size() > 0) {
        toRead.add(f);
      }
    }
    return new FileChecks(toRead, rejected);
  }
}
