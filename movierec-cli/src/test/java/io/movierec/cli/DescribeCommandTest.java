package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.io.VersionedFile;
import io.movierec.recommend.Recommender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code movierec describe} on trained models, a bundle and single files, through {@link Main}. */
class DescribeCommandTest {

  @TempDir static Path dir;
  private static TrainedFixture fixture;
  private static Path bundle;

  @BeforeAll
  static void trainAndBundle() throws Exception {
    fixture = TrainedFixture.create(dir);
    bundle = dir.resolve("bundle");
    Run r =
        run(
            "bundle",
            "--data",
            fixture.data.directory().toString(),
            "--recall",
            fixture.recall.toString(),
            "--rank",
            fixture.rank.toString(),
            "--out",
            bundle.toString());
    assertThat(r.code).as(r.err).isZero();
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            argv,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void describesATrainedModelWithItsHyperParametersAndProvenance() throws Exception {
    Run r = run("describe", fixture.rank.toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out.lines()).allMatch(l -> l.matches("[\\w.]+: .*"));
    assertThat(r.out)
        .contains(
            "path: " + fixture.rank + "\n",
            "kind: dnn-ranker\n",
            "format_version: 2\n",
            "layout: full\n",
            "completed_epochs: 2\n",
            "sparse_feature_dim: 8\n",
            "provenance.data.path: " + fixture.data.trainData() + "\n",
            "provenance.trainer.epochs: 2\n",
            "provenance.trainer.batch_size: 256\n",
            "provenance.data.crc32c: ",
            "provenance.data.rows: ",
            "provenance.trained_at: 20",
            "provenance.movierec_version: 0.",
            "provenance.tensorflow_version: ");
    assertThat(r.out).doesNotContain("unknown");
  }

  @Test
  void describesABundleAndEachOfItsParts() {
    Run r = run("describe", bundle.toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out)
        .contains(
            "kind: recommender-bundle\n",
            "format_version: 2\n",
            "generation: 1\n",
            "recall.kind: two-tower\n",
            "rank.kind: dnn-ranker\n",
            "recall.bytes: ",
            "recall.layout: serving\n",
            "rank.layout: serving\n",
            "recall.provenance.data.path: " + fixture.data.trainData() + "\n",
            "rank.provenance.trainer.epochs: 2\n",
            "index.format_version: ",
            "index.vectors: ",
            "movies.kind: movie-store\n",
            "movies.movies: ",
            "users.kind: user-store\n",
            "users.users: ");
  }

  @Test
  void describesASingleFile() throws Exception {
    String movies = Recommender.describeSaved(bundle).get("movies.path");
    Run r = run("describe", movies);
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out)
        .contains(
            "kind: movie-store\n",
            "format_version: 1\n",
            "bytes: " + Files.size(Path.of(movies)) + "\n",
            "movies: ");
  }

  @Test
  void aFileOfANewerFormatIsReportedAsTooNew() throws Exception {
    Path future = dir.resolve("future.bin");
    VersionedFile.write(future, "movie-store", 99, out -> out.writeInt(0));
    Run r = run("describe", future.toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.err)
        .contains("movierec describe: " + future, "version 99 is too new", "upgrade movierec")
        .doesNotContain("\tat ");
  }

  @Test
  void aForeignFileIsNotAMovierecFile() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "these are not the bytes you are looking for\n");
    Run r = run("describe", text.toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.err).contains(text.toString());
  }

  @Test
  void aMissingPathIsNamed() {
    Run r = run("describe", dir.resolve("nowhere").toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.err).contains("no such file: " + dir.resolve("nowhere"));
  }

  @Test
  void withoutExactlyOnePathItIsAUsageError() {
    Run none = run("describe");
    assertThat(none.code).isEqualTo(2);
    assertThat(none.err)
        .contains("movierec describe: describe needs exactly one PATH", "movierec describe --help");
    Run two = run("describe", "a", "b");
    assertThat(two.code).isEqualTo(2);
    Run option = run("describe", "--deep", "a");
    assertThat(option.code).isEqualTo(2);
    assertThat(option.err).contains("Unknown option: '--deep'");
  }
}
