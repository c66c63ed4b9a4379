package io.movierec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.synthetic.SyntheticMovieLens;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TrainAndEvaluateExample's main on a tiny MovieLens-format directory given as argument. */
class TrainAndEvaluateExampleTest {

  @TempDir static Path dir;
  private static String printed;

  @BeforeAll
  static void runMain() throws Exception {
    SyntheticMovieLens.newBuilder()
        .withUsers(150)
        .withMovies(250)
        .withRatings(9_000)
        .withSeed(3)
        .build()
        .writeTo(dir.resolve("ml"));
    printed =
        Stdout.capture(
            () -> TrainAndEvaluateExample.main(new String[] {dir.resolve("ml").toString(), "2"}));
  }

  @Test
  void namesTheDetectedFormatAndTheDataSetsSize() {
    assertThat(printed).contains(dir.resolve("ml") + " (ML_1M): 150 users, 250 movies");
  }

  @Test
  void printsEveryEpochOfBothModels() {
    assertThat(Pattern.compile("epoch 1: mean loss").matcher(printed).results().count())
        .isEqualTo(2);
    assertThat(Pattern.compile("epoch 2: mean loss").matcher(printed).results().count())
        .isEqualTo(2);
  }

  @Test
  void printsRatingMetricsOverEveryTestRating() {
    Matcher m =
        Pattern.compile(
                "rating metrics on 150 test ratings: accuracy (\\S+)  mse (\\S+)  "
                    + "mae (\\S+)  rmse (\\S+)")
            .matcher(printed);
    assertThat(m.find()).isTrue();
    double accuracy = Double.parseDouble(m.group(1));
    double mse = Double.parseDouble(m.group(2));
    double mae = Double.parseDouble(m.group(3));
    double rmse = Double.parseDouble(m.group(4));
    assertThat(accuracy).isBetween(0.0, 1.0);
    assertThat(rmse).isCloseTo(Math.sqrt(mse), org.assertj.core.data.Offset.offset(1e-3));
    assertThat(mae).isPositive().isLessThanOrEqualTo(rmse + 1e-4);
  }

  @Test
  void printsRecallMetricsForTheModelAndTheBaseline() {
    for (String name : new String[] {"recall model", "most rated first"}) {
      Matcher m =
          Pattern.compile(
                  "retrieval, "
                      + name
                      + " +over 150 users: HR@10 (\\S+)  NDCG@10 (\\S+)  HR@100 (\\S+)")
              .matcher(printed);
      assertThat(m.find()).as(name).isTrue();
      double hr10 = Double.parseDouble(m.group(1));
      double ndcg10 = Double.parseDouble(m.group(2));
      double hr100 = Double.parseDouble(m.group(3));
      assertThat(ndcg10).as(name).isBetween(0.0, hr10);
      assertThat(hr10).as(name).isLessThanOrEqualTo(hr100);
      assertThat(hr100).as(name).isBetween(0.0, 1.0);
    }
  }
}
