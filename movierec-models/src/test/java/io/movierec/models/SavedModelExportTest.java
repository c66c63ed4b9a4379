package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.movierec.features.Slot;
import io.movierec.features.SlotSchema;
import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class SavedModelExportTest {

  private static final float TOLERANCE = 1e-6f;
  private static final SlotSchema SCHEMA = TinyData.ENCODER.schema();

  @TempDir Path dir;

  private final TinyData data = new TinyData(30, 20);
  private Path train;
  private SampleBatch batch;

  @BeforeEach
  void setUp() throws IOException {
    train = data.write(dir.resolve("t/data.txt"), 1500, 1, false, 0.8);
    batch = new SampleBatch(64, SCHEMA);
    try (SampleReader r = SampleReader.open(train, SCHEMA)) {
      r.read(batch);
    }
    // One row of feasigns no training row has: the export must read them as padding too.
    for (int i = 0; i < SCHEMA.movieWidth(); i++) {
      batch.movieIds()[i] = TinyData.BUCKETS - 1 - i;
    }
  }

  @Test
  void theTwoTowerExportGivesTheModelsUserAndMovieVectors() throws IOException {
    float[] users;
    float[] movies;
    float[] scores;
    try (TwoTowerModel m =
        (TwoTowerModel)
            TinyData.small(TwoTowerModel.newBuilder(TinyData.ENCODER))
                .withObjective(Objective.SAMPLED_SOFTMAX)
                .build()) {
      Trainer.newBuilder().withEpochs(1).withBatchSize(50).build().fit(m, train);
      users = m.userVectors(batch.userIds(), batch.size());
      movies = m.movieVectors(batch.movieIds(), batch.size());
      scores = m.predict(batch);
      SavedModelExport.export(m, dir.resolve("export"));
    }
    try (SavedModelBundle b =
        SavedModelBundle.load(dir.resolve("export").toString(), SavedModelExport.TAG)) {
      assertThat(run(b, SavedModelExport.USER_TOWER, "user_vector"))
          .containsExactly(users, within(TOLERANCE));
      assertThat(run(b, SavedModelExport.MOVIE_TOWER, "movie_vector"))
          .containsExactly(movies, within(TOLERANCE));
      assertThat(run(b, SavedModelExport.SCORE, "score")).containsExactly(scores, within(1e-5f));
    }
  }

  @Test
  void theRankerExportGivesTheRankersRatings() throws IOException {
    float[] ratings;
    try (DnnRanker r =
        (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).withWide(true).build()) {
      Trainer.newBuilder().withEpochs(1).withBatchSize(50).build().fit(r, train);
      ratings = r.predict(batch);
      SavedModelExport.export(r, dir.resolve("export"));
    }
    try (SavedModelBundle b =
        SavedModelBundle.load(dir.resolve("export").toString(), SavedModelExport.TAG)) {
      assertThat(run(b, SavedModelExport.RANK, "rating"))
          .containsExactly(ratings, within(TOLERANCE));
      assertThat(run(b, Signature.DEFAULT_KEY, "rating"))
          .containsExactly(ratings, within(TOLERANCE));
    }
  }

  @Test
  void theWatchRankerExportGivesBothHeads() throws IOException {
    float[][] both;
    try (WatchRanker r =
        (WatchRanker)
            TinyData.small(WatchRanker.newBuilder(TinyData.ENCODER)).withWide(true).build()) {
      both = r.predictWith(WatchRanker.WATCH, batch.userIds(), batch.movieIds(), batch.size());
      SavedModelExport.export(r, dir.resolve("export"));
    }
    try (SavedModelBundle b =
        SavedModelBundle.load(dir.resolve("export").toString(), SavedModelExport.TAG)) {
      assertThat(run(b, SavedModelExport.RANK, "rating"))
          .containsExactly(both[0], within(TOLERANCE));
      assertThat(run(b, SavedModelExport.RANK, "watch"))
          .containsExactly(both[1], within(TOLERANCE));
    }
  }

  @Test
  void theExportSaysWhatItsInputsAre() throws IOException {
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      SavedModelExport.export(r, dir.resolve("export"));
    }
    Properties p = new Properties();
    try (Reader in =
        Files.newBufferedReader(dir.resolve("export").resolve(SavedModelExport.DESCRIPTION))) {
      p.load(in);
    }
    assertThat(p)
        .containsEntry("hasher", TinyData.ENCODER.hasher().spec())
        .containsEntry("slot.title", "int32[batch,4] MOVIE");
    try (SavedModelBundle b =
        SavedModelBundle.load(dir.resolve("export").toString(), SavedModelExport.TAG)) {
      Signature rank = b.function(SavedModelExport.RANK).signature();
      assertThat(rank.inputNames())
          .containsExactlyInAnyOrder(
              SCHEMA.slots().stream().map(Slot::name).toArray(String[]::new));
      assertThat(rank.getInputs().get("title").shape.asArray()).containsExactly(-1, 4);
    }
  }

  /**
   * Calls {@code signature} with the batch's feasigns split per slot and returns {@code output}.
   */
  private float[] run(SavedModelBundle b, String signature, String output) {
    Signature s = b.function(signature).signature();
    Map<String, Tensor> args = new HashMap<>();
    try {
      feed(args, s, SCHEMA.userSlots(), batch.userIds(), SCHEMA.userWidth());
      feed(args, s, SCHEMA.movieSlots(), batch.movieIds(), SCHEMA.movieWidth());
      try (Result r = b.function(signature).call(args)) {
        TFloat32 t = (TFloat32) r.get(output).orElseThrow();
        float[] out = new float[(int) t.shape().size()];
        t.asRawTensor().data().asFloats().read(out);
        return out;
      }
    } finally {
      args.values().forEach(Tensor::close);
    }
  }

  private void feed(Map<String, Tensor> args, Signature s, List<Slot> slots, int[] rows, int w) {
    int n = batch.size();
    int offset = 0;
    for (Slot slot : slots) {
      if (s.inputNames().contains(slot.name())) {
        int len = slot.length();
        int[] ids = new int[n * len];
        for (int i = 0; i < n; i++) {
          System.arraycopy(rows, i * w + offset, ids, i * len, len);
        }
        TInt32 t = TInt32.tensorOf(Shape.of(n, len));
        t.asRawTensor().data().asInts().write(ids);
        args.put(slot.name(), t);
      }
      offset += slot.length();
    }
  }
}
