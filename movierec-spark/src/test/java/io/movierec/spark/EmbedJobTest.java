package io.movierec.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.features.Murmur3Hasher;
import io.movierec.features.SlotSchema;
import io.movierec.models.TwoTowerModel;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.ServingStores;
import io.movierec.synthetic.SyntheticMovieLens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job writes every user's and movie's vector, equal to the model's own. */
class EmbedJobTest {

  @TempDir Path dir;

  private PreparedDataset prepared(SlotSchema schema) throws IOException {
    Path src = dir.resolve("src");
    SyntheticMovieLens.newBuilder()
        .withUsers(60)
        .withMovies(40)
        .withRatings(1_000)
        .withMinRatingsPerUser(2)
        .withSeed(3)
        .build()
        .writeTo(src);
    DatasetPreparer.newBuilder(src, dir.resolve("data"))
        .withSchema(schema)
        .withHasher(new Murmur3Hasher(5_000))
        .build()
        .prepare();
    return PreparedDataset.open(dir.resolve("data"));
  }

  private Path model(PreparedDataset data) throws IOException {
    Path m = dir.resolve("model");
    try (TwoTowerModel model =
        (TwoTowerModel)
            TwoTowerModel.newBuilder(data.encoder())
                .withSparseFeatureDim(8)
                .withFcSizes(16, 8)
                .withSeed(1)
                .build()) {
      model.save(m);
    }
    return m;
  }

  private static Map<Integer, float[]> read(Path parquet) {
    Map<Integer, float[]> out = new HashMap<>();
    for (Row r : SparkTestSession.get().read().parquet(parquet.toString()).collectAsList()) {
      List<Float> v = r.getList(1);
      float[] a = new float[v.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = v.get(i);
      }
      out.put(r.getInt(0), a);
    }
    return out;
  }

  @Test
  void writesEveryUserAndMovieVectorAsTheModelComputesIt() throws IOException {
    PreparedDataset data = prepared(SlotSchema.paddleRec());
    Path model = model(data);

    EmbedJobSummary s =
        EmbedJob.newBuilder(model, data.directory(), dir.resolve("emb"))
            .withBatchSize(7)
            .build()
            .run(SparkTestSession.get());

    assertThat(s.users()).isEqualTo(data.users().size());
    assertThat(s.movies()).isEqualTo(data.movies().size());
    Map<Integer, float[]> users = read(dir.resolve("emb").resolve(EmbedJob.USERS));
    Map<Integer, float[]> movies = read(dir.resolve("emb").resolve(EmbedJob.MOVIES));
    try (TwoTowerModel m = TwoTowerModel.load(model)) {
      for (User u : data.users().values()) {
        assertThat(users.get(u.id())).containsExactly(m.userVector(u), within(1e-5f));
      }
      for (Movie mv : data.movies().values()) {
        assertThat(movies.get(mv.id())).containsExactly(m.movieVector(mv), within(1e-5f));
      }
    }
  }

  @Test
  void encodesEachUserWithTheHistoryTheRecommenderServes() throws IOException {
    PreparedDataset data = prepared(SlotSchema.withHistory());
    Path model = model(data);

    EmbedJob.newBuilder(model, data.directory(), dir.resolve("emb"))
        .build()
        .run(SparkTestSession.get());

    Map<Integer, float[]> users = read(dir.resolve("emb").resolve(EmbedJob.USERS));
    ServingStores stores = ServingStores.of(data);
    try (TwoTowerModel m = TwoTowerModel.load(model)) {
      for (User u : data.users().values()) {
        UserContext served = stores.users().context(u.id()).orElseThrow();
        assertThat(users.get(u.id()))
            .as("user %s", u.id())
            .containsExactly(m.userVector(served), within(1e-5f));
      }
    }
  }
}
