package dev.loglake.common.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoForkLocalFileSystemTest {

  @TempDir java.nio.file.Path dir;

  @Test
  void statusesEqualHadoopsOwnForFilesAndFolders() throws Exception {
    java.nio.file.Path sub = Files.createDirectories(dir.resolve("a/b"));
    java.nio.file.Path file = Files.writeString(sub.resolve("x.log"), "hello");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    try (NoForkLocalFileSystem.Raw ours = new NoForkLocalFileSystem.Raw();
        RawLocalFileSystem hadoops = new RawLocalFileSystem()) {
      ours.initialize(java.net.URI.create("file:///"), new Configuration());
      hadoops.initialize(java.net.URI.create("file:///"), new Configuration());
      for (java.nio.file.Path p : List.of(file, sub)) {
        Path path = new Path(p.toUri());
        assertThat(describe(ours.getFileStatus(path))).isEqualTo(describe(hadoops.getFileStatus(path)));
      }
      assertThat(describe(ours.getFileStatus(new Path(file.toUri()))))
          .contains("len=5", "dir=false", "perm=rw-r-----");
      assertThatThrownBy(() -> ours.getFileStatus(new Path(dir.resolve("missing").toUri())))
          .isInstanceOf(FileNotFoundException.class)
          .hasMessageContaining("missing");
    }
  }

  @Test
  void listsFilesRecursivelyWithTheirPermissions() throws Exception {
    Files.createDirectories(dir.resolve("2024/03/10"));
    Files.writeString(dir.resolve("2024/03/10/one.gz"), "1");
    Files.writeString(dir.resolve("2024/03/10/two.gz"), "22");
    try (NoForkLocalFileSystem fs = new NoForkLocalFileSystem()) {
      fs.initialize(java.net.URI.create("file:///"), new Configuration());
      List<String> listed = new ArrayList<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(new Path(dir.toUri()), true);
      while (it.hasNext()) {
        LocatedFileStatus st = it.next();
        listed.add(st.getPath().getName() + " " + st.getLen() + " " + st.getOwner().isEmpty()
            + " " + st.getPermission().getUserAction());
      }
      listed.sort(String::compareTo);
      assertThat(listed).containsExactly("one.gz 1 false READ_WRITE", "two.gz 2 false READ_WRITE");
    }
  }

  private static String describe(FileStatus st) throws Exception {
    return "path=" + st.getPath() + " len=" + st.getLen() + " dir=" + st.isDirectory() + " mtime="
        + st.getModificationTime() + " perm=" + st.getPermission() + " owner=" + st.getOwner()
        + " group=" + st.getGroup() + " block=" + st.getBlockSize() + " replication="
        + st.getReplication();
  }
}
