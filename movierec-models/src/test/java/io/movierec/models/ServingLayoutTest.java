package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingLayoutTest {

  private static final float TOLERANCE = 1e-6f;

  @TempDir Path dir;

  private final TinyData data = new TinyData(30, 20);
  private Path train;
  private SampleBatch batch;

  @BeforeEach
  void setUp() throws IOException {
    train = data.write(dir.resolve("t/data.txt"), 1500, 1, false, 0.8);
    batch = new SampleBatch(200, TinyData.ENCODER.schema());
    try (SampleReader r = SampleReader.open(train, TinyData.ENCODER.schema())) {
      r.read(batch);
    }
  }

  private DnnRanker trainedRanker(boolean wide) throws IOException {
    DnnRanker r =
        (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).withWide(wide).build();
    Trainer.newBuilder().withEpochs(1).withBatchSize(50).build().fit(r, train);
    return r;
  }

  private TwoTowerModel trainedTwoTower() throws IOException {
    TwoTowerModel m =
        (TwoTowerModel)
            TinyData.small(TwoTowerModel.newBuilder(TinyData.ENCODER))
                .withObjective(Objective.SAMPLED_SOFTMAX)
                .build();
    Trainer.newBuilder().withEpochs(1).withBatchSize(50).build().fit(m, train);
    return m;
  }

  /** Movies and users the training data never saw: their id and title feasigns are untrained. */
  private static final List<Movie> NEW_MOVIES =
      List.of(
          Movie.of(901, "Zyzzyva Quokka (2031)", List.of(Genre.ACTION)),
          Movie.of(902, "Brand New Words (2032)", List.of(Genre.WESTERN, Genre.DRAMA)));

  private static final User NEW_USER =
      User.of(777, Gender.MALE, AgeBucket.FROM_35_TO_44, Occupation.fromCode(3), "");

  @Test
  void aRankerSavedForServingPredictsAsTheFullModel() throws IOException {
    float[] full;
    float[] unseen;
    try (DnnRanker r = trainedRanker(false)) {
      full = r.predict(batch);
      unseen = r.score(NEW_USER, NEW_MOVIES);
      r.saveForServing(dir.resolve("slim"));
    }
    try (DnnRanker slim = DnnRanker.load(dir.resolve("slim"))) {
      assertThat(slim.isServingLayout()).isTrue();
      assertThat(slim.predict(batch)).containsExactly(full, within(TOLERANCE));
      assertThat(slim.score(NEW_USER, NEW_MOVIES)).containsExactly(unseen, within(TOLERANCE));
    }
  }

  @Test
  void aWideRankerSavedForServingKeepsItsWideWeights() throws IOException {
    float[] full;
    try (DnnRanker r = trainedRanker(true)) {
      full = r.predict(batch);
      r.saveForServing(dir.resolve("slim"));
    }
    try (DnnRanker slim = DnnRanker.load(dir.resolve("slim"))) {
      assertThat(slim.predict(batch)).containsExactly(full, within(TOLERANCE));
    }
  }

  @Test
  void aTwoTowerModelSavedForServingGivesTheSameVectors() throws IOException {
    float[] users;
    float[] movies;
    float[] newMovies;
    try (TwoTowerModel m = trainedTwoTower()) {
      users = m.userVectors(batch.userIds(), batch.size());
      movies = m.movieVectors(data.movies);
      newMovies = m.movieVectors(NEW_MOVIES);
      m.saveForServing(dir.resolve("slim"));
    }
    try (TwoTowerModel slim = TwoTowerModel.load(dir.resolve("slim"))) {
      assertThat(slim.userVectors(batch.userIds(), batch.size()))
          .containsExactly(users, within(TOLERANCE));
      assertThat(slim.movieVectors(data.movies)).containsExactly(movies, within(TOLERANCE));
      assertThat(slim.movieVectors(NEW_MOVIES)).containsExactly(newMovies, within(TOLERANCE));
    }
  }

  @Test
  void theServingLayoutKeepsOnlyTheTrainedRowsAndNoOptimiserState() throws IOException {
    int trained;
    try (DnnRanker r = trainedRanker(false)) {
      trained = r.inferenceWeights().rows();
      r.save(dir.resolve("full"));
      r.saveForServing(dir.resolve("slim"));
    }
    InferenceWeights w = InferenceWeights.load(dir.resolve("slim"), TinyData.BUCKETS);
    assertThat(w.rows()).isEqualTo(trained).isLessThan(TinyData.BUCKETS / 10);
    assertThat(w.tables().get("embedding")).hasSize(trained * 8);
    assertThat(dir.resolve("slim/variables")).isEmptyDirectory();
    assertThat(bytes(dir.resolve("slim"))).isLessThan(bytes(dir.resolve("full")) / 20);
  }

  @Test
  void anUntrainedModelSavedForServingKeepsEveryRowAndPredictsAsBefore() throws IOException {
    float[] full;
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      full = r.predict(batch);
      r.saveForServing(dir.resolve("slim"));
    }
    try (DnnRanker slim = DnnRanker.load(dir.resolve("slim"))) {
      assertThat(slim.inferenceWeights().rows()).isEqualTo(TinyData.BUCKETS);
      assertThat(slim.predict(batch)).containsExactly(full, within(TOLERANCE));
    }
  }

  @Test
  void aServingModelSavedAgainStaysInTheServingLayout() throws IOException {
    try (DnnRanker r = trainedRanker(false)) {
      r.saveForServing(dir.resolve("slim"));
    }
    try (DnnRanker slim = DnnRanker.load(dir.resolve("slim"))) {
      slim.save(dir.resolve("again"));
    }
    assertThat(SlotModel.describeSaved(dir.resolve("again"))).containsEntry("layout", "serving");
    assertThat(Files.readAllBytes(dir.resolve("again").resolve(InferenceWeights.FILE)))
        .isEqualTo(Files.readAllBytes(dir.resolve("slim").resolve(InferenceWeights.FILE)));
  }

  @Test
  void describeSaysWhichLayoutAModelHas() throws IOException {
    try (DnnRanker r = trainedRanker(false)) {
      r.save(dir.resolve("full"));
      r.saveForServing(dir.resolve("slim"));
    }
    assertThat(SlotModel.describeSaved(dir.resolve("full"))).containsEntry("layout", "full");
    assertThat(SlotModel.describeSaved(dir.resolve("slim")))
        .containsEntry("layout", "serving")
        .containsEntry("format_version", "2");
  }

  @Test
  void aServingModelCannotBeTrained() throws IOException {
    try (DnnRanker r = trainedRanker(false)) {
      r.saveForServing(dir.resolve("slim"));
    }
    try (DnnRanker slim = DnnRanker.load(dir.resolve("slim"), RuntimeOptions.TRAINING)) {
      Trainer trainer = Trainer.newBuilder().withEpochs(2).withBatchSize(50).build();
      assertThatThrownBy(() -> trainer.fit(slim, train))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("saved for serving")
          .hasMessageContaining("resume from the full model");
    }
  }

  @Test
  void aModelOfFormatVersionOneStillLoadsAndPredicts() throws IOException {
    float[] full;
    Path old = dir.resolve("old");
    try (DnnRanker r = trainedRanker(false)) {
      full = r.predict(batch);
      r.save(old);
    }
    rewriteAsVersionOne(old);
    assertThat(SlotModel.describeSaved(old))
        .containsEntry("format_version", "1")
        .containsEntry("layout", "full");
    try (DnnRanker back = DnnRanker.load(old)) {
      assertThat(back.isServingLayout()).isFalse();
      assertThat(back.predict(batch)).containsExactly(full);
    }
  }

  @Test
  void inferenceWeightsWithARowIdOutOfOrderAreCorrupt() throws IOException {
    Path f = Files.createDirectories(dir.resolve("w"));
    VersionedFile.write(
        f.resolve(InferenceWeights.FILE),
        "inference-weights",
        1,
        out -> {
          out.writeInt(3);
          out.writeInt(0);
          out.writeInt(7);
          out.writeInt(5);
          out.writeInt(0);
        });
    assertThatThrownBy(() -> InferenceWeights.load(f, 100))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(InferenceWeights.FILE)
        .hasMessageContaining("row id 5 at position 2");
  }

  @Test
  void inferenceWeightsMissingAVariableAreRefusedNamingIt() throws IOException {
    InferenceWeights w;
    try (DnnRanker r = trainedRanker(false)) {
      w = r.inferenceWeights();
    }
    var dense = new java.util.LinkedHashMap<>(w.dense());
    dense.remove("rank_out_b");
    InferenceWeights broken = new InferenceWeights(w.rowIds(), w.tables(), dense);
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      assertThatThrownBy(() -> r.servingCopy(broken))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rank_out_b");
    }
  }

  /** Rewrites a full-layout model as this build's predecessor wrote it: format version 1. */
  private static void rewriteAsVersionOne(Path model) throws IOException {
    Path props = model.resolve(SavedModelFiles.PROPERTIES);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(props, StandardCharsets.ISO_8859_1)) {
      p.load(r);
    }
    p.setProperty("format_version", "1");
    p.remove("layout");
    try (OutputStream out = Files.newOutputStream(props)) {
      p.store(out, "movierec model");
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(model)) {
      walk.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals(SavedModelFiles.MANIFEST))
          .sorted()
          .forEach(files::add);
    }
    VersionedFile.write(
        model.resolve(SavedModelFiles.MANIFEST),
        "model-manifest",
        1,
        out -> {
          out.writeInt(files.size());
          for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            CRC32C crc = new CRC32C();
            crc.update(b);
            out.writeUTF(model.relativize(f).toString().replace('\\', '/'));
            out.writeLong(b.length);
            out.writeInt((int) crc.getValue());
          }
        });
  }

  private static long bytes(Path d) throws IOException {
    try (Stream<Path> walk = Files.walk(d)) {
      return walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
