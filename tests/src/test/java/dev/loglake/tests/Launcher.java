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
    List<String> cmd = new ArrayList<>(List.of("bash", REPO.resolve("scripts/loglake").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("LOGLAKE_DRIVER_MEMORY", "1g");
    pb.environment().put("LOGLAKE_MASTER", "local[2]");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    // A guard against hangs, not a speed limit: the whole pipeline takes minutes on a busy machine.
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("scripts/loglake " + String.join(" ", args) + " did not finish in 10 minutes");
    }
    return new Result(
        p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
