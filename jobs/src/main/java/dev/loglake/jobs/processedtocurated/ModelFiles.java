package dev.loglake.jobs.processedtocurated;

import dev.loglake.common.config.LakeZones;
import dev.loglake.common.error.EtlErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Reads the model files of a folder: a local folder, any Hadoop path ({@code s3://...}), or the
 * {@code conf/curated/} copy inside the jobs jar when no folder is given.
 */
public final class ModelFiles {

  static final String JAR_DIR = "conf/curated";

  private ModelFiles() {}

  /** The models of {@code dir} (empty: the jar's conf/curated), by name. */
  public static List<ModelFile> read(String dir, Configuration hadoop) {
    Map<String, String> texts = dir.isEmpty() ? fromJar() : fromDir(dir, hadoop);
    List<ModelFile> out = new ArrayList<>();
    String where = dir.isEmpty() ? JAR_DIR + " in the jar" : dir;
    texts.forEach(
        (file, text) -> {
          if (file.endsWith(".sql")) {
            String name = file.substring(0, file.length() - 4);
            out.add(
                new ModelFile(
                    name,
                    LakeZones.join(where, file),
                    text,
                    Optional.ofNullable(texts.get(name + ".conf"))));
          } else if (file.endsWith(".conf")
              && !texts.containsKey(file.replaceAll("\\.conf$", ".sql"))) {
            throw EtlErrors.badModel(
                LakeZones.join(where, file),
                "there is no " + file.replaceAll("\\.conf$", ".sql") + " next to it",
                "A .conf only adds settings to the model file of the same name; add the .sql or"
                    + " remove the .conf.");
          }
        });
    return out;
  }

  private static Map<String, String> fromDir(String dir, Configuration hadoop) {
    if (!dir.contains("://")) {
      return fromLocalDir(Path.of(dir));
    }
    Map<String, String> out = new TreeMap<>();
    try {
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root)) {
        return out;
      }
      for (FileStatus st : fs.listStatus(root)) {
        String file = st.getPath().getName();
        if (st.isFile() && (file.endsWith(".sql") || file.endsWith(".conf"))) {
          try (InputStream in = fs.open(st.getPath())) {
            out.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model files under " + dir, e);
    }
  }

  private static Map<String, String> fromJar() {
    URL url = ModelFiles.class.getClassLoader().getResource(JAR_DIR);
    if (url == null) {
      return new TreeMap<>();
    }
    try {
      if (url.getProtocol().equals("file")) {
        return fromLocalDir(Path.of(url.toURI()));
      }
      Map<String, String> out = new TreeMap<>();
      JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        String file = e.getName().substring(e.getName().lastIndexOf('/') + 1);
        if (e.getName().equals(JAR_DIR + "/" + file)
            && (file.endsWith(".sql") || file.endsWith(".conf"))) {
          try (InputStream in = jar.getInputStream(e)) {
            out.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + JAR_DIR + " from the jar", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(url.toString(), e);
    }
  }

  private static Map<String, String> fromLocalDir(Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String file = p.getFileName().toString();
        if (Files.isRegularFile(p) && (file.endsWith(".sql") || file.endsWith(".conf"))) {
          out.put(file, Files.readString(p));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model files under " + dir, e);
    }
  }
}
