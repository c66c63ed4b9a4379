package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.bench.SoakBench;
import io.movierec.recommend.Recommender;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short version of {@code movierec bench soak}: the full one runs 1,000,000 calls. */
class SoakTest {

  @TempDir Path dir;

  @Test
  void concurrentCallsDuringCatalogueChurnAllSucceedAndChangeNothing() throws Exception {
    TrainedFixture f = TrainedFixture.create(dir);
    // Exact search, as the recommender picks for a catalogue of this size: the churn then leaves
    // every answer exactly as it was.
    try (Recommender r =
        BundleCommand.assemble(f.data.directory(), f.recall, f.rank, "exact", 50)) {
      SoakBench.Result res =
          SoakBench.soak(r, 4, 8_000, 10, new PrintStream(java.io.OutputStream.nullOutputStream()));
      assertThat(res.calls()).isEqualTo(8_000);
      assertThat(res.errors()).isZero();
      assertThat(res.probesChanged()).isZero();
      assertThat(res.concurrentMismatches()).isZero();
    }
  }

  @Test
  void anHnswIndexAnswersEveryCallWithKResultsDuringChurnAndRatings() throws Exception {
    TrainedFixture f = TrainedFixture.create(dir);
    try (Recommender r = BundleCommand.assemble(f.data.directory(), f.recall, f.rank, "hnsw", 50)) {
      SoakBench.Result res =
          SoakBench.soak(r, 4, 8_000, 10, new PrintStream(java.io.OutputStream.nullOutputStream()));

      assertThat(r.index().kind()).isEqualTo("hnsw");
      assertThat(res.calls()).isEqualTo(8_000);
      assertThat(res.ratingsRecorded()).isPositive();
      assertThat(res.movieChurns()).isPositive();
      assertThat(res.errors()).as("calls answered wrongly or with fewer than k").isZero();
      assertThat(res.concurrentMismatches()).isZero();
    }
  }
}
