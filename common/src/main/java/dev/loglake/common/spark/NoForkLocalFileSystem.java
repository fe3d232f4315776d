package dev.loglake.common.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system without its shell-outs. Without the native hadoop library (the usual
 * case on a laptop and in CI), {@code RawLocalFileSystem} starts a {@code chmod} process for every
 * file it creates, a {@code readlink} process for every rename Delta makes and an {@code ls} process
 * for every file listed; in a job writing a few small Delta tables that was most of the run time.
 * This does all three with java.nio instead.
 * Used for {@code file:} paths in local mode only ({@link SparkSessions#LOCAL_SETTINGS}).
 */
public final class NoForkLocalFileSystem extends LocalFileSystem {

  public NoForkLocalFileSystem() {
    super(new Raw());
  }

  /** The same for FileContext users ({@code fs.AbstractFileSystem.file.impl}), with checksums. */
  public static final class Fs extends org.apache.hadoop.fs.ChecksumFs {
    public Fs(java.net.URI uri, org.apache.hadoop.conf.Configuration conf)
        throws IOException, java.net.URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** FileContext's raw layer over {@link Raw}. */
  public static final class RawFs extends org.apache.hadoop.fs.DelegateToFileSystem {
    public RawFs(java.net.URI uri, org.apache.hadoop.conf.Configuration conf)
        throws IOException, java.net.URISyntaxException {
      super(uri, new Raw(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }

  /** The raw (checksum-less) layer. */
  public static final class Raw extends RawLocalFileSystem {

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (!Files.isSymbolicLink(pathToFile(f).toPath())) {
        return getFileStatus(f);
      }
      return super.getFileLinkStatus(f);
    }

    /**
     * The status with its permission, owner and group read at once through java.nio. Hadoop's
     * status loads them lazily with an {@code ls} process per file, which {@code listFiles} (its
     * {@code LocatedFileStatus} copies them) paid for every file listed: 4 s for 576 raw files.
     */
    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      java.io.File file = pathToFile(f);
      PosixFileAttributes a;
      try {
        a = Files.readAttributes(file.toPath(), PosixFileAttributes.class);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + f + " does not exist");
      } catch (UnsupportedOperationException e) {
        return super.getFileStatus(f);
      }
      return new FileStatus(
          a.size(), a.isDirectory(), 1, getDefaultBlockSize(f), a.lastModifiedTime().toMillis(),
          a.lastAccessTime().toMillis(), new FsPermission(mode(a.permissions())), a.owner().getName(),
          a.group().getName(), new Path(file.getPath()).makeQualified(getUri(), getWorkingDirectory()));
    }

    private static final PosixFilePermission[] ORDER = {
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE
    };

    private static short mode(Set<PosixFilePermission> permissions) {
      short mode = 0;
      for (int i = 0; i < ORDER.length; i++) {
        if (permissions.contains(ORDER[i])) {
          mode |= (short) (1 << (8 - i));
        }
      }
      return mode;
    }

    private static Set<PosixFilePermission> posix(short mode) {
      Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
      for (int i = 0; i < ORDER.length; i++) {
        if ((mode & (1 << (8 - i))) != 0) {
          out.add(ORDER[i]);
        }
      }
      return out;
    }
  }
}
