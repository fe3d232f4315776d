package dev.loglake.jobs.sample;

/** Counts for one written file, or a sum over many. */
record FileStats(long files, long lines, long bytes, long uncompressedBytes) {

  static final FileStats NONE = new FileStats(0, 0, 0, 0);

  FileStats plus(FileStats other) {
    return new FileStats(
        files + other.files,
        lines + other.lines,
        bytes + other.bytes,
        uncompressedBytes + other.uncompressedBytes);
  }
}
