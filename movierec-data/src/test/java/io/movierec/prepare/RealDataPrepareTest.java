package io.movierec.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.movierec.features.PaddleRecHasher;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepares the real ml-100k from {@code movierec.data.dir}; skipped when it is absent. */
class RealDataPrepareTest {

  @TempDir static Path out;
  private static Path ml100k;
  private static PrepareSummary summary;

  @BeforeAll
  static void prepare() throws IOException {
    String dir = System.getProperty("movierec.data.dir", "");
    ml100k = Path.of(dir, "ml-100k");
    assumeTrue(
        !dir.isEmpty() && Files.exists(ml100k.resolve("u.data")),
        "MovieLens 100K not found under movierec.data.dir (" + dir + "); skipping");
    summary =
        DatasetPreparer.newBuilder(ml100k, out.resolve("ml100k"))
            .withHasher(new PaddleRecHasher())
            .build()
            .prepare();
  }

  @Test
  void splitsMl100kIntoOneTestRowPerUser() {
    assertThat(summary.test()).isEqualTo(943);
    assertThat(summary.train()).isEqualTo(99_057);
  }

  @Test
  void picksEachUsersLatestRatingFirstInFileOrderOnTies() throws IOException {
    // Independently of the splitter: the expected test line per user from u.data itself.
    Map<Integer, long[]> best = new HashMap<>(); // user -> {time, line}
    try (BufferedReader r =
        Files.newBufferedReader(ml100k.resolve("u.data"), StandardCharsets.ISO_8859_1)) {
      long line = 0;
      for (String s = r.readLine(); s != null; s = r.readLine()) {
        line++;
        String[] f = s.split("\t");
        int user = Integer.parseInt(f[0]);
        long time = Long.parseLong(f[3]);
        long[] b = best.get(user);
        if (b == null || time > b[0]) {
          best.put(user, new long[] {time, line});
        }
      }
    }
    Set<Long> expected = new HashSet<>();
    best.values().forEach(b -> expected.add(b[1]));
    SplitRatings ratings = PreparedDataset.open(out.resolve("ml100k")).ratings();
    Set<Long> actual = new HashSet<>();
    for (int i = 0; i < ratings.size(); i++) {
      if (ratings.part(i) == SplitRatings.Part.TEST) {
        actual.add(ratings.logId(i));
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void reportsNoSkippedLines() {
    assertThat(summary.skippedLines()).isZero();
    assertThat(summary.users()).isEqualTo(943);
    assertThat(summary.movies()).isEqualTo(1682);
  }
}
