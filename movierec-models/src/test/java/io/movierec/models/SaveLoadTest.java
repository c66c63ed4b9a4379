package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.io.CorruptFileException;
import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveLoadTest {

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

  private Path trainedRanker() throws IOException {
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      Trainer.newBuilder().withEpochs(1).withBatchSize(50).build().fit(r, train);
      r.save(dir.resolve("ranker"));
      return dir.resolve("ranker");
    }
  }

  @Test
  void aReloadedRankerPredictsExactlyAsBeforeSaving() throws IOException {
    float[] before;
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      Trainer.newBuilder().withEpochs(1).withBatchSize(50).build().fit(r, train);
      before = r.predict(batch);
      r.save(dir.resolve("ranker"));
    }
    try (DnnRanker back = DnnRanker.load(dir.resolve("ranker"))) {
      assertThat(back.predict(batch)).containsExactly(before);
      assertThat(back.completedEpochs()).isEqualTo(1);
      assertThat(back.encoder().hasher()).isEqualTo(TinyData.ENCODER.hasher());
      assertThat(back.encoder().schema()).isEqualTo(TinyData.ENCODER.schema());
    }
  }

  @Test
  void aReloadedRankerKeepsItsLearningRateDecay() throws IOException {
    try (DnnRanker r =
        (DnnRanker)
            TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER))
                .withLearningRateDecay(0.5f)
                .build()) {
      r.save(dir.resolve("ranker"));
    }
    try (DnnRanker back = DnnRanker.load(dir.resolve("ranker"))) {
      assertThat(back.config().learningRateDecay()).isEqualTo(0.5f);
    }
  }

  @Test
  void aRankerRunOnTheCallerThreadPredictsAsOneRunThroughThreadPools() throws IOException {
    Path saved = trainedRanker();
    try (DnnRanker pooled = DnnRanker.load(saved, new RuntimeOptions(2, 2, false));
        DnnRanker inline = DnnRanker.load(saved, RuntimeOptions.SERVING)) {
      assertThat(RuntimeOptions.SERVING.runsOnCallerThread()).isTrue();
      assertThat(inline.predict(batch)).containsExactly(pooled.predict(batch));
    }
  }

  @Test
  void runtimeOptionsRejectANegativeThreadCountOtherThanCallerThread() {
    assertThatThrownBy(() -> new RuntimeOptions(1, -2, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-2");
  }

  @Test
  void aReloadedTwoTowerModelGivesTheSameVectors() throws IOException {
    float[] users;
    float[] movies;
    try (TwoTowerModel m =
        (TwoTowerModel)
            TinyData.small(TwoTowerModel.newBuilder(TinyData.ENCODER))
                .withObjective(Objective.SAMPLED_SOFTMAX)
                .build()) {
      Trainer.newBuilder().withEpochs(1).withBatchSize(50).build().fit(m, train);
      users = m.userVectors(batch.userIds(), batch.size());
      movies = m.movieVectors(data.movies);
      m.save(dir.resolve("tower"));
    }
    try (TwoTowerModel back = TwoTowerModel.load(dir.resolve("tower"))) {
      assertThat(back.userVectors(batch.userIds(), batch.size())).containsExactly(users);
      assertThat(back.movieVectors(data.movies)).containsExactly(movies);
      assertThat(back.config().objective()).isEqualTo(Objective.SAMPLED_SOFTMAX);
    }
  }

  @Test
  void aRankerReloadedInAFreshJvmPredictsExactlyAsTheOneThatSavedIt() throws Exception {
    Path saved = trainedRanker();
    float[] expected;
    try (DnnRanker back = DnnRanker.load(saved)) {
      expected = back.predict(batch);
    }
    Path batchFile = dir.resolve("batch.txt");
    try (var out = Files.newOutputStream(batchFile)) {
      var w = new io.movierec.samples.SampleWriter(out, TinyData.ENCODER.schema());
      for (int i = 0; i < batch.size(); i++) {
        w.write(batch.get(i));
      }
    }
    Path result = dir.resolve("predictions.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PredictInChildJvm.class.getName(),
                saved.toString(),
                batchFile.toString(),
                result.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
    List<String> lines = Files.readAllLines(result);
    float[] actual = new float[lines.size()];
    for (int i = 0; i < actual.length; i++) {
      actual[i] = Float.intBitsToFloat(Integer.parseInt(lines.get(i)));
    }
    assertThat(actual).containsExactly(expected);
  }

  @Test
  void readsFeasignsTrainingNeverSawAsPadding() throws IOException {
    try (TwoTowerModel m =
        (TwoTowerModel)
            TinyData.small(TwoTowerModel.newBuilder(TinyData.ENCODER))
                .withObjective(Objective.SAMPLED_SOFTMAX)
                .build()) {
      Trainer.newBuilder().withEpochs(1).withBatchSize(50).build().fit(m, train);
      m.save(dir.resolve("tower"));
    }
    io.movierec.domain.Movie known = data.movies.get(0);
    // A movie added after training: a new id, and its title words and genre as known ones.
    io.movierec.domain.Movie added =
        io.movierec.domain.Movie.of(9_999, known.title(), known.genres());
    int[] row = TinyData.ENCODER.encodeMovie(added);
    int[] sameWithoutId = row.clone();
    sameWithoutId[0] = 0;
    try (TwoTowerModel back = TwoTowerModel.load(dir.resolve("tower"))) {
      assertThat(back.movieVector(added)).containsExactly(back.movieVectors(sameWithoutId, 1));
      assertThat(back.movieVector(known)).isNotEqualTo(back.movieVector(added));
    }
  }

  @Test
  void refusesAModelWhoseWeightsWereAltered() throws IOException {
    Path saved = trainedRanker();
    Path weights;
    try (var files = Files.list(saved.resolve("variables"))) {
      weights =
          files
              .filter(f -> f.getFileName().toString().contains(".data-"))
              .findFirst()
              .orElseThrow();
    }
    try (FileChannel ch =
        FileChannel.open(weights, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      var b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, 100);
      b.put(0, (byte) (b.get(0) ^ 0x10));
      ch.write(b.rewind(), 100);
    }
    assertThatThrownBy(() -> DnnRanker.load(saved))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(weights.getFileName().toString())
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void refusesAModelWithATruncatedFile() throws IOException {
    Path saved = trainedRanker();
    Path props = saved.resolve("model.properties");
    byte[] content = Files.readAllBytes(props);
    Files.write(props, java.util.Arrays.copyOf(content, content.length / 2));
    assertThatThrownBy(() -> DnnRanker.load(saved))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("model.properties");
  }

  @Test
  void refusesToLoadARankerAsATwoTowerModel() throws IOException {
    Path saved = trainedRanker();
    assertThatThrownBy(() -> TwoTowerModel.load(saved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds a dnn-ranker model, not a two-tower model");
  }

  @Test
  void refusesADirectoryThatIsNotASavedModel() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> DnnRanker.load(dir.resolve("empty")))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("MANIFEST");
  }
}
