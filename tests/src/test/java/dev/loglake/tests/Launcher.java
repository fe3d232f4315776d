package dev.loglake.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code scripts/loglake} as a user would, in a child process. */
final class Launcher {

  static final Path REPO = Path.of(System.getProperty("loglake.repo.root", "..")).toAbsolutePath().normalize();

  /** A finished run: exit code, stdout, stderr. */
  record Result(int code, String out, String err) {
    String summaryJson() {
      String[] lines = out.strip().split("\n");
      String last = lines[lines.length - 1];
      if (!last.startsWith("SUMMARY {")) {
        throw new AssertionError("last stdout line is not a SUMMARY line: " + last + "\nstderr:\n" + err);
      }
      return last.substring("SUMMARY ".length());
    }
  }

  private Launcher() {}

  static Result run(Path workDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return script(workDir, env, "scripts/loglake", args);
  }

  /** Runs one of the repo's scripts ({@code scripts/demo.sh}) as a user would. */
  static Result script(Path workDir, Map<String, String> env, String script, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", REPO.resolve(script).toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("LOGLAKE_DRIVER_MEMORY", "1g");
    pb.environment().put("LOGLAKE_MASTER", "local[2]");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    // A guard against hangs, not a speed limit: the whole pipeline (and the demo's maintain step) takes
    // minutes, and more than 10 on 2 cores shared with other builds.
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(script + " " + String.join(" ", args) + " did not finish in 20 minutes; its stderr so far:\n"
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Result(
        p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Whether {@code program} is on the PATH. */
  static boolean onPath(String program) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  /** Runs {@code cmd} with {@code input} on its stdin; returns its stdout, or fails with its stderr. */
  static String pipe(String input, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    try (var stdin = p.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed: " + err);
    }
    return out;
  }
}
