package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.movierec.blend.BlendedRanker;
import io.movierec.blend.RatingBlend;
import io.movierec.blend.RatingStatistics;
import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.models.DnnRanker;
import io.movierec.prepare.ServingStores;
import io.movierec.prepare.SplitRatings;
import io.movierec.recommend.RankingModel;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.ScoredMovie;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code movierec blend}, {@code evaluate --blend} and {@code bundle --blend} on trained models.
 */
class BlendIntegrationTest {

  @TempDir static Path dir;
  private static TrainedFixture fixture;
  private static RatingBlend.Fit fit;
  private static Path blendFile;

  @BeforeAll
  static void trainAndBlend() throws Exception {
    fixture = TrainedFixture.create(dir, true);
    blendFile = dir.resolve("blend.properties");
    fit =
        BlendCommand.run(
            new String[] {
              "--rank",
              fixture.rank.toString(),
              "--data",
              fixture.data.directory().toString(),
              "--save",
              blendFile.toString()
            },
            quiet());
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** {@code user movie label prediction} lines of a dump, without the header. */
  static List<String[]> dump(Path file) throws Exception {
    return Files.readAllLines(file).stream()
        .filter(l -> !l.startsWith("#"))
        .map(l -> l.split("\t"))
        .toList();
  }

  @Test
  void theBlendIsFittedOnEveryValidationRating() throws Exception {
    SplitRatings ratings = fixture.data.ratings();
    long validation = 0;
    for (int i = 0; i < ratings.size(); i++) {
      if (ratings.part(i) == SplitRatings.Part.VALIDATION) {
        validation++;
      }
    }

    assertThat(validation).isPositive();
    assertThat(fit.ranker().count()).isEqualTo(validation);
    assertThat(fit.blended().count()).isEqualTo(validation);
  }

  @Test
  void theSavedBlendIsTheFittedOne() throws Exception {
    assertThat(RatingBlend.load(blendFile).weights()).isEqualTo(fit.blend().weights());
  }

  @Test
  void evaluateWithABlendScoresTheBlendOfEachOfTheRankersTestPredictions() throws Exception {
    Path plain = dir.resolve("plain.tsv");
    Path blended = dir.resolve("blended.tsv");
    String data = fixture.data.directory().toString();
    EvaluateCommand.run(
        new String[] {
          "--model",
          "rank",
          "--load",
          fixture.rank.toString(),
          "--data",
          data,
          "--dump",
          plain.toString()
        },
        quiet());
    EvaluateCommand.Result r =
        EvaluateCommand.run(
            new String[] {
              "--model",
              "rank",
              "--load",
              fixture.rank.toString(),
              "--data",
              data,
              "--blend",
              blendFile.toString(),
              "--dump",
              blended.toString()
            },
            quiet());
    RatingStatistics before =
        RatingStatistics.before(fixture.data.ratings(), SplitRatings.Part.TEST);

    List<String[]> p = dump(plain);
    List<String[]> b = dump(blended);
    assertThat(b).hasSameSizeAs(p);
    for (int i = 0; i < p.size(); i++) {
      int user = Integer.parseInt(p.get(i)[0]);
      int movie = Integer.parseInt(p.get(i)[1]);
      float expected =
          fit.blend().predict(Float.parseFloat(p.get(i)[3]), before.features(user, movie));
      assertThat(b.get(i)[0]).isEqualTo(p.get(i)[0]);
      assertThat(b.get(i)[1]).isEqualTo(p.get(i)[1]);
      assertThat(Float.parseFloat(b.get(i)[3])).isEqualTo(expected);
    }
    assertThat(r.rating().rmse()).isCloseTo(EvaluateCommand.fromDump(blended).rmse(), within(1e-9));
  }

  @Test
  void inferWithABlendDumpsWhatEvaluateWithTheBlendDumps() throws Exception {
    Path fromInfer = dir.resolve("infer-blended.tsv");
    Path fromEvaluate = dir.resolve("evaluate-blended.tsv");
    InferCommand.run(
        new String[] {
          "--model",
          "rank",
          "--load",
          fixture.rank.toString(),
          "--data",
          fixture.data.testData().toString(),
          "--blend",
          blendFile.toString(),
          "--dump",
          fromInfer.toString()
        },
        quiet());
    EvaluateCommand.run(
        new String[] {
          "--model",
          "rank",
          "--load",
          fixture.rank.toString(),
          "--data",
          fixture.data.directory().toString(),
          "--blend",
          blendFile.toString(),
          "--dump",
          fromEvaluate.toString()
        },
        quiet());

    assertThat(Files.readAllLines(fromInfer)).isEqualTo(Files.readAllLines(fromEvaluate));
  }

  @Test
  void aBlendOnTheRecallModelIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        Main.run(
            new String[] {
              "evaluate",
              "--model",
              "recall",
              "--load",
              fixture.recall.toString(),
              "--data",
              fixture.data.directory().toString(),
              "--blend",
              blendFile.toString()
            },
            quiet(),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--blend").contains("--model rank");
  }

  @Test
  void blendingDataWithoutAValidationSplitFailsNamingTheDirectory(@TempDir Path other)
      throws Exception {
    TrainedFixture plain = TrainedFixture.create(other, false);
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        Main.run(
            new String[] {
              "blend",
              "--rank",
              plain.rank.toString(),
              "--data",
              plain.data.directory().toString(),
              "--save",
              other.resolve("b").toString()
            },
            quiet(),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("has no validation split")
        .contains(plain.data.directory().toString());
  }

  @Test
  void concurrentCallsOfABlendedRankerGiveWhatOneThreadGets() throws Exception {
    ServingStores stores = ServingStores.read(fixture.data.directory());
    List<Movie> movies = stores.movies().all().stream().limit(60).toList();
    int[] users = stores.users().ids();
    try (BlendedRanker ranker =
        new BlendedRanker(
            DnnRanker.load(fixture.rank),
            RatingBlend.load(blendFile),
            RatingStatistics.of(stores.users()))) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<float[]>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          UserContext user = stores.users().context(users[i % users.length]).orElseThrow();
          futures.add(pool.submit(() -> ranker.score(user, movies)));
        }
        for (int i = 0; i < futures.size(); i++) {
          UserContext user = stores.users().context(users[i % users.length]).orElseThrow();
          assertThat(futures.get(i).get()).containsExactly(ranker.score(user, movies));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aBundleWithABlendServesTheBlendedPredictionsAndSurvivesSaveAndLoad() throws Exception {
    Path bundle = dir.resolve("bundle");
    BundleCommand.run(
        new String[] {
          "--data",
          fixture.data.directory().toString(),
          "--recall",
          fixture.recall.toString(),
          "--rank",
          fixture.rank.toString(),
          "--blend",
          blendFile.toString(),
          "--out",
          bundle.toString(),
          "--index",
          "exact"
        },
        quiet());
    ServingStores stores = ServingStores.read(fixture.data.directory());
    int user = stores.users().ids()[0];
    int[] movies = {1, 2, 3, 4, 5, 6, 7, 8};

    try (Recommender r = Recommender.load(bundle);
        BlendedRanker expected =
            new BlendedRanker(
                DnnRanker.load(fixture.rank),
                RatingBlend.load(blendFile),
                RatingStatistics.of(stores.users()))) {
      assertThat(r.ranker()).map(RankingModel::kind).hasValue(BlendedRanker.KIND);
      List<ScoredMovie> got = r.rank(user, movies);
      List<Movie> found = got.stream().map(ScoredMovie::movie).toList();
      float[] want = expected.score(stores.users().context(user).orElseThrow(), found);
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i).score()).isEqualTo(want[i]);
      }
    }
    ByteArrayOutputStream described = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"describe", bundle.toString()},
            new PrintStream(described, true, StandardCharsets.UTF_8),
            quiet());
    assertThat(code).isZero();
    assertThat(described.toString(StandardCharsets.UTF_8))
        .contains(
            "rank.kind: blended-ranker\n",
            "rank.blend.weight.",
            "rank.statistics.kind: ",
            "rank.ranker.kind: dnn-ranker\n",
            "rank.ranker.provenance.trainer.epochs: 2\n");
  }
}
