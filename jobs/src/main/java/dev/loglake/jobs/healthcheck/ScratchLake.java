package dev.loglake.jobs.healthcheck;

import dev.loglake.common.config.LakeZones;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health check's scratch prefixes, {@code <zone>/_health/<run id>} of each zone, and the temp
 * lake around them when there is one. {@link #close()} deletes them all and checks they are gone,
 * so a try-with-resources block cleans up whether the check passed, failed or crashed. Jobs skip
 * {@code _}-prefixed folders, so a scratch prefix never shows up as a table of the real lake.
 */
final class ScratchLake implements AutoCloseable {

  static final String FOLDER = "_health";

  private static final Logger LOG = LoggerFactory.getLogger(ScratchLake.class);

  private final Configuration hadoop;
  private final LakeZones scratch;
  private final Optional<String> tempLake;

  ScratchLake(Configuration hadoop, LakeZones scratch, Optional<String> tempLake) {
    this.hadoop = hadoop;
    this.scratch = scratch;
    this.tempLake = tempLake;
  }

  /** {@code <zone>/_health/<runId>} for each zone of {@code base}. */
  static LakeZones zones(LakeZones base, String runId) {
    return new LakeZones(
        LakeZones.join(base.raw(), FOLDER, runId),
        LakeZones.join(base.processed(), FOLDER, runId),
        LakeZones.join(base.curated(), FOLDER, runId),
        LakeZones.join(base.quality(), FOLDER, runId),
        LakeZones.join(base.reports(), FOLDER, runId));
  }

  /** The five scratch prefixes, raw first. */
  List<String> prefixes() {
    return List.copyOf(scratch.asMap().values());
  }

  /** For messages: where the run wrote. */
  String describe() {
    return "the " + FOLDER + "/<run id> prefix of every zone (raw: " + scratch.raw() + ")";
  }

  /** Whether any scratch prefix (or the temp lake) still exists. */
  boolean anyLeft() {
    try {
      for (String p : paths()) {
        Path path = new Path(p);
        if (path.getFileSystem(hadoop).exists(path)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the health check's scratch prefixes", e);
    }
  }

  /** Deletes every scratch prefix, then empty {@code _health} folders and the temp lake. */
  @Override
  public void close() {
    try {
      for (String p : paths()) {
        Path path = new Path(p);
        FileSystem fs = path.getFileSystem(hadoop);
        if (fs.exists(path) && !fs.delete(path, true)) {
          throw new IOException("the file system did not delete " + p);
        }
        Path health = path.getParent();
        if (tempLake.isEmpty() && health != null && health.getName().equals(FOLDER)
            && fs.exists(health) && fs.listStatus(health).length == 0) {
          fs.delete(health, false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete the health check's scratch prefixes " + paths() + "; delete them by hand", e);
    }
    if (anyLeft()) {
      throw new IllegalStateException(
          "the health check's scratch prefixes " + paths() + " still exist after deletion");
    }
    LOG.info("Deleted the health check's scratch prefixes {}", paths());
  }

  private List<String> paths() {
    List<String> out = new ArrayList<>(prefixes());
    tempLake.ifPresent(out::add);
    return out;
  }
}
