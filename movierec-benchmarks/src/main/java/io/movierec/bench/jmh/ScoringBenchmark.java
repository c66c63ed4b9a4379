package io.movierec.bench.jmh;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import io.movierec.features.FeatureEncoder;
import io.movierec.features.FeatureHasher;
import io.movierec.features.SlotSchema;
import io.movierec.models.DnnRanker;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.TwoTowerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The model calls of one {@code recommend}: the user tower for a known user with a 10-movie
 * history, and the DNN ranker over {@code candidates} movies, each as the serving path runs it (the
 * caller's thread, the reference network sizes, the quickstart schema). The weights are freshly
 * initialised: a forward pass costs the same whatever they hold. Microseconds per call.
 *
 * <p>Run: {@code bin/movierec bench jmh ScoringBenchmark} ({@code bench serve} times the whole
 * {@code recommend} on a real bundle).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0")
public class ScoringBenchmark {

  /** Movies the ranker scores per call. */
  @Param("100")
  public int candidates;

  private TwoTowerModel recall;
  private DnnRanker ranker;
  private UserContext user;
  private List<Movie> movies;

  /** Builds both models and a user with a history. */
  @Setup
  public void build() {
    FeatureEncoder encoder =
        new FeatureEncoder(SlotSchema.withHistory(), FeatureHasher.fromSpec("murmur3"));
    recall = TwoTowerModel.newBuilder(encoder).withRuntime(RuntimeOptions.SERVING).build();
    ranker = DnnRanker.newBuilder(encoder).withRuntime(RuntimeOptions.SERVING).build();
    SplittableRandom random = new SplittableRandom(1);
    Genre[] genres = Genre.values();
    movies = new ArrayList<>();
    for (int i = 1; i <= candidates; i++) {
      movies.add(
          Movie.of(
              i,
              "Made-up Film " + i + " (1995)",
              List.of(
                  genres[random.nextInt(genres.length)], genres[random.nextInt(genres.length)])));
    }
    int[] history = new int[10];
    float[] scores = new float[10];
    for (int i = 0; i < history.length; i++) {
      history[i] = 1 + random.nextInt(candidates);
      scores[i] = 1 + random.nextInt(5);
    }
    user = new UserContext(42, UserProfile.of("F", 25, 2), "10001", history, scores);
  }

  /** Closes the models. */
  @TearDown
  public void close() {
    recall.close();
    ranker.close();
  }

  /** The user tower: one user's unit vector. */
  @Benchmark
  public float[] userVector() {
    return recall.userVector(user);
  }

  /** The ranker over the candidates. */
  @Benchmark
  public float[] rank() {
    return ranker.score(user, movies);
  }
}
