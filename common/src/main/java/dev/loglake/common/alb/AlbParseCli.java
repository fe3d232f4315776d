package dev.loglake.common.alb;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Parses ALB access logs to JSON Lines without Spark: {@code --input PATH [--output FILE]}. PATH is
 * a {@code .log} / {@code .log.gz} file or a folder of them (recursive, sorted by path; other
 * files are skipped). Each input line becomes one JSON object in input order: the 37 {@link
 * AlbLogSchema} columns, or {@code {"_malformed":true,"reason":...,"line":N}} (N counts from 1 in
 * each file). Output goes to FILE, or stdout if absent or {@code -}. Exit codes: 0 done, 1 an input
 * or the output could not be read or written, 2 bad arguments.
 */
public final class AlbParseCli {

  static final String USAGE = "usage: AlbParseCli --input PATH [--output FILE|-]";

  private AlbParseCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the CLI and returns its exit code; {@code stdout} is flushed, never closed. */
  public static int run(String[] args, OutputStream stdout, PrintStream stderr) {
    CliArgs parsed;
    try {
      parsed = CliArgs.parse(args);
    } catch (IllegalArgumentException e) {
      stderr.println("Bad arguments: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    if (parsed == null) {
      stderr.println(USAGE);
      return 0;
    }
    List<Path> files;
    try {
      files = AlbFiles.localAccessLogs(parsed.input());
    } catch (IOException | UncheckedIOException e) {
      stderr.println("Cannot read --input " + parsed.input() + ": " + e.getMessage());
      return 1;
    }
    return convert(files, parsed.output(), stdout, stderr);
  }

  private static int convert(List<Path> files, Path output, OutputStream stdout, PrintStream err) {
    OutputStream target;
    try {
      target = output == null ? nonClosing(stdout) : Files.newOutputStream(output);
    } catch (IOException e) {
      err.println("Cannot write --output " + output + ": " + e);
      return 1;
    }
    try (AlbJsonWriter writer = new AlbJsonWriter(new BufferedOutputStream(target, 1 << 16))) {
      AlbLogParser parser = new AlbLogParser();
      for (Path file : files) {
        String problem = convertFile(file, parser, writer);
        if (problem != null) {
          err.println("Cannot read " + file + ": " + problem);
          return 1;
        }
      }
    } catch (UncheckedIOException e) {
      err.println("Cannot write " + (output == null ? "stdout" : output) + ": " + e.getCause());
      return 1;
    }
    return 0;
  }

  /** Converts one file; returns null, or the read problem (the output keeps what was written). */
  private static String convertFile(Path file, AlbLogParser parser, AlbJsonWriter writer) {
    try (InputStream raw = Files.newInputStream(file);
        AlbLineReader lines = AlbLineReader.open(raw, file.getFileName().toString())) {
      while (readLine(lines)) {
        if (parser.parse(lines.buffer(), lines.lineStart(), lines.lineLength())) {
          writer.writeParsed(parser);
        } else {
          writer.writeRejected(parser.rejectReason(), lines.lineNumber());
        }
      }
      return null;
    } catch (NoSuchFileException e) {
      return "no such file";
    } catch (IOException e) {
      return e.toString();
    } catch (ReadFailure e) {
      return e.getCause().toString();
    }
  }

  /** Separates input failures from output failures (both arrive as UncheckedIOException). */
  private static boolean readLine(AlbLineReader lines) {
    try {
      return lines.next();
    } catch (UncheckedIOException e) {
      throw new ReadFailure(e.getCause());
    }
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  private static final class ReadFailure extends RuntimeException {
    ReadFailure(IOException cause) {
      super(cause);
    }
  }

  /** Parsed arguments; {@code output} null means stdout. */
  record CliArgs(Path input, Path output) {

    /** Null when help was asked for. */
    static CliArgs parse(String[] args) {
      Path input = null;
      Path output = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          value = arg.substring(eq + 1);
          arg = arg.substring(0, eq);
        }
        switch (arg) {
          case "-h", "--help" -> {
            return null;
          }
          case "--input", "--output" -> {
            if (value == null) {
              if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
              }
              value = args[++i];
            }
            if (value.isEmpty()) {
              throw new IllegalArgumentException(arg + " needs a non-empty value");
            }
            if (arg.equals("--input")) {
              input = Path.of(value);
            } else {
              output = value.equals("-") ? null : Path.of(value);
            }
          }
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      }
      if (input == null) {
        throw new IllegalArgumentException("--input is required");
      }
      return new CliArgs(input, output);
    }
  }
}
