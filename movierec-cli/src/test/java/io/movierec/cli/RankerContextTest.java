package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.evaluation.RatingEvaluator;
import io.movierec.evaluation.RatingMetrics;
import io.movierec.models.DnnRanker;
import io.movierec.models.RuntimeOptions;
import io.movierec.prepare.ServingStores;
import io.movierec.prepare.SplitRatings;
import io.movierec.prepare.SplitRatings.Part;
import io.movierec.recommend.UserStore;
import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ranker scoring a held-out rating from the user's context, as the evaluators and the online path
 * ask it, predicts what it predicts from the sample {@code prepare} wrote for that rating: the
 * context (the user's ratings before the held-out part) encodes to the sample's user row.
 */
class RankerContextTest {

  @TempDir static Path dir;
  private static TrainedFixture fixture;

  @BeforeAll
  static void train() throws Exception {
    fixture = TrainedFixture.create(dir, true);
  }

  @Test
  void aTestSampleAndItsUsersContextGiveTheSamePrediction() throws Exception {
    assertSamePredictions(Part.TEST, fixture.data.testData());
  }

  @Test
  void aValidationSampleAndItsUsersContextGiveTheSamePrediction() throws Exception {
    assertSamePredictions(Part.VALIDATION, fixture.data.validationData().orElseThrow());
  }

  @Test
  void theEvaluatorGivesARankerTheMetricsOfItsSamplePredictions() throws Exception {
    try (DnnRanker ranker = DnnRanker.load(fixture.rank, RuntimeOptions.TRAINING)) {
      RatingMetrics fromContexts = RatingEvaluator.evaluate(ranker, fixture.data, Part.TEST);
      RatingMetrics fromSamples = RatingEvaluator.evaluate(ranker, fixture.data.testData());

      assertThat(fromContexts.count()).isEqualTo(fromSamples.count()).isPositive();
      assertThat(fromContexts.accuracy()).isEqualTo(fromSamples.accuracy());
      assertThat(fromContexts.mse()).isCloseTo(fromSamples.mse(), within(1e-6));
      assertThat(fromContexts.mae()).isCloseTo(fromSamples.mae(), within(1e-6));
    }
  }

  private static void assertSamePredictions(Part part, Path samples) throws Exception {
    SplitRatings ratings = fixture.data.ratings();
    UserStore users = ServingStores.before(fixture.data, part).users();
    Map<Integer, Movie> movies = fixture.data.movies();
    int checked = 0;
    try (DnnRanker ranker = DnnRanker.load(fixture.rank, RuntimeOptions.TRAINING);
        SampleReader reader = SampleReader.open(samples, ranker.encoder().schema())) {
      int uw = ranker.encoder().schema().userWidth();
      SampleBatch batch = new SampleBatch(256, ranker.encoder().schema());
      while (reader.read(batch)) {
        float[] fromSamples = ranker.predict(batch);
        for (int i = 0; i < batch.size(); i++) {
          int row = ratings.rowOfLogId(batch.logIds()[i]);
          UserContext user = users.context(ratings.user(row)).orElseThrow();
          int[] sampleRow = Arrays.copyOfRange(batch.userIds(), i * uw, (i + 1) * uw);
          assertThat(ranker.encoder().encodeUser(user))
              .as("user row of log id %s", batch.logIds()[i])
              .containsExactly(sampleRow);
          float fromContext = ranker.score(user, List.of(movies.get(ratings.movie(row))))[0];
          assertThat(fromContext)
              .as("log id %s", batch.logIds()[i])
              .isCloseTo(fromSamples[i], within(1e-6f));
          checked++;
        }
      }
    }
    assertThat(checked).isPositive();
  }
}
