package dev.loglake.jobs.sample;

import org.apache.hadoop.fs.Path;

/**
 * One access-log object to write.
 *
 * @param file full path of the object
 * @param intervalStartMicros start of its 5-minute interval, epoch microseconds UTC
 * @param lines number of entries
 * @param seed seed of this file's random source
 * @param planted how many of its first lines are damaged on purpose, one of each {@link
 *     MalformedLines} kind in turn (on top of the random damage every line may get)
 */
record AlbFilePlan(Path file, long intervalStartMicros, int lines, long seed, int planted) {}
