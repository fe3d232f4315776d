package dev.loglake.common.alb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlbScanTest {

  private static final long MIB = 1 << 20;
  private static final long MAX = 128 * MIB;
  private static final long OPEN_COST = 4 * MIB;

  @Test
  void packsADayOfSmallFilesIntoPartitionsOfMaxPartitionBytes() {
    List<AlbFileLister.InputFile> files = files(576, 40_000);

    List<AlbScan.FileGroup> groups = AlbScan.pack(files, MAX, OPEN_COST, 2);

    // Each file weighs 4 MiB + 40 kB: 32 fit in 128 MiB, so 576 files make 18 partitions.
    assertThat(groups).hasSize(18).allSatisfy(g -> assertThat(g.files()).hasSize(32));
    assertThat(groups.stream().flatMap(g -> g.files().stream()))
        .containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void keepsAtLeastDefaultParallelismPartitionsForSmallInputs() {
    List<AlbFileLister.InputFile> files = files(4, 10 * MIB);

    List<AlbScan.FileGroup> groups = AlbScan.pack(files, MAX, OPEN_COST, 2);

    assertThat(groups).hasSize(2).allSatisfy(g -> assertThat(g.files()).hasSize(2));
  }

  @Test
  void givesFilesLargerThanMaxPartitionBytesTheirOwnPartitionLargestFirst() {
    List<AlbFileLister.InputFile> files = new ArrayList<>(files(2, 300 * MIB));
    files.add(new AlbFileLister.InputFile("small", MIB, false));

    List<AlbScan.FileGroup> groups = AlbScan.pack(files, MAX, OPEN_COST, 2);

    assertThat(groups).extracting(g -> g.files().size()).containsExactly(1, 1, 1);
    assertThat(groups.get(2).files()).containsExactly(files.get(2));
  }

  @Test
  void plansNothingForNoFiles() {
    assertThat(AlbScan.pack(List.of(), MAX, OPEN_COST, 2)).isEmpty();
  }

  private static List<AlbFileLister.InputFile> files(int n, long length) {
    List<AlbFileLister.InputFile> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new AlbFileLister.InputFile(String.format("f%04d.log.gz", i), length, true));
    }
    return out;
  }
}
