package dev.loglake.tests.aws;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.Jobs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Feeds an argument vector through what a job's main does before Spark: parse, load, validate. */
final class JobArgVectors {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-11T03:00:00Z"), ZoneOffset.UTC);

  private JobArgVectors() {}

  static EtlJob<?> jobOfClass(String className) {
    return Jobs.all().stream()
        .filter(j -> j.getClass().getName().equals(className))
        .findFirst()
        .orElseThrow(() -> new AssertionError(className + " is not one of Jobs.all()"));
  }

  /** JobRunner's config phase: any exception here would be exit code 2 on the platform. */
  static Loaded load(EtlJob<?> job, List<String> argv) {
    JobArgs args = JobArgs.parse(argv.toArray(String[]::new), job.name(), job.options());
    EtlConfig etl = EtlConfig.load(job.name(), args, CLOCK);
    Object jobConfig = job.config(etl);
    return new Loaded(args, etl, jobConfig);
  }

  /** {@code --key value} pairs in map order. */
  static List<String> flatten(Map<String, String> arguments) {
    List<String> argv = new ArrayList<>();
    arguments.forEach((k, v) -> {
      argv.add(k);
      argv.add(v);
    });
    return argv;
  }

  /** A Glue job's run as the job class sees it: Glue's own arguments, then its DefaultArguments. */
  static Loaded glueJob(Intrinsics in, String id, Map<String, Object> p) {
    Map<String, String> arguments = new LinkedHashMap<>();
    // What Glue adds to every run, then the job's DefaultArguments (run Arguments merge over them).
    arguments.put("--JOB_NAME", in.resolve(p.get("Name")));
    arguments.put("--JOB_ID", "j_0123");
    arguments.put("--JOB_RUN_ID", "jr_" + id);
    Json.map(p.get("DefaultArguments"), id).forEach((k, v) -> {
      String value = in.resolve(v);
      if (value != null) { // AWS::NoValue drops the argument
        arguments.put(k, value);
      }
    });
    EtlJob<?> job = jobOfClass(arguments.get("--class"));
    return load(job, flatten(arguments));
  }

  record Loaded(JobArgs args, EtlConfig etl, Object jobConfig) {}
}
