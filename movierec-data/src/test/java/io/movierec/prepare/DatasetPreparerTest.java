package io.movierec.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.data.MalformedDataException;
import io.movierec.data.ReadOptions;
import io.movierec.features.PaddleRecHasher;
import io.movierec.samples.Sample;
import io.movierec.samples.SampleReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetPreparerTest {

  @TempDir Path dir;

  /** A made-up ml-1m directory: 3 users, 3 movies, 8 ratings. */
  private Path ml1m() throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("users.dat"),
        "1::F::1::10::48067\n2::M::56::16::70072\n3::M::25::15::55117\n",
        StandardCharsets.ISO_8859_1);
    Files.writeString(
        src.resolve("movies.dat"),
        "1::Toy Story (1995)::Animation|Children's|Comedy\n"
            + "2::Misérables, Les (1995)::Drama|Musical\n"
            + "3::Heat (1995)::Action|Crime|Thriller\n",
        StandardCharsets.ISO_8859_1);
    Files.writeString(
        src.resolve("ratings.dat"),
        "1::1::5::100\n1::2::3::300\n1::3::4::200\n"
            + "2::1::2::50\n2::3::1::50\n"
            + "3::2::4::10\n3::1::5::30\n3::3::2::20\n",
        StandardCharsets.ISO_8859_1);
    return src;
  }

  @Test
  void writesOneTestRowPerUserAndTheRestAsTraining() throws IOException {
    PrepareSummary s = DatasetPreparer.newBuilder(ml1m(), dir.resolve("out")).build().prepare();
    assertThat(s.train()).isEqualTo(5);
    assertThat(s.test()).isEqualTo(3);
    PreparedDataset d = PreparedDataset.open(dir.resolve("out"));
    try (SampleReader r = SampleReader.open(d.testData(), d.encoder().schema())) {
      // Latest rows: user 1 line 2 (t=300), user 2 line 4 (tie at t=50: first in file order),
      // user 3 line 7 (t=30).
      assertThat(r.readAll()).extracting(Sample::logId).containsExactly(2L, 4L, 7L);
    }
  }

  @Test
  void hashesWithThePaddleRecHasherWhenAskedTo() throws IOException {
    DatasetPreparer.newBuilder(ml1m(), dir.resolve("out"))
        .withHasher(new PaddleRecHasher())
        .build()
        .prepare();
    PreparedDataset d = PreparedDataset.open(dir.resolve("out"));
    PaddleRecHasher h = new PaddleRecHasher();
    try (SampleReader r = SampleReader.open(d.testData(), d.encoder().schema())) {
      Sample user1 = r.next().orElseThrow();
      assertThat(user1.userIds())
          .containsExactly(
              h.hash("userid", "1"),
              h.hash("gender", "F"),
              h.hash("age", "1"),
              h.hash("occupation", "10"));
      assertThat(user1.movieIds())
          .containsExactly(
              h.hash("movieid", "2"),
              h.hash("title", "Misérables,"),
              h.hash("title", "Les"),
              h.hash("title", "(1995)"),
              0,
              h.hash("genres", "Drama"),
              h.hash("genres", "Musical"),
              0);
      assertThat(user1.label()).isEqualTo(3f);
    }
  }

  @Test
  void mapsEveryLogIdBackToTheRawRating() throws IOException {
    DatasetPreparer.newBuilder(ml1m(), dir.resolve("out")).build().prepare();
    SplitRatings ratings = PreparedDataset.open(dir.resolve("out")).ratings();
    int row = ratings.rowOfLogId(7);
    assertThat(ratings.user(row)).isEqualTo(3);
    assertThat(ratings.movie(row)).isEqualTo(1);
    assertThat(ratings.part(row)).isEqualTo(SplitRatings.Part.TEST);
  }

  @Test
  void keepsTheCatalogueWithLatin1TitlesIntact() throws IOException {
    DatasetPreparer.newBuilder(ml1m(), dir.resolve("out")).build().prepare();
    PreparedDataset d = PreparedDataset.open(dir.resolve("out"));
    assertThat(d.movies().get(2).title()).isEqualTo("Misérables, Les (1995)");
    assertThat(d.users().get(2).profile().occupation().code()).isEqualTo(16);
  }

  @Test
  void writesAValidationRowForEveryUserWithHistoryLeft() throws IOException {
    PrepareSummary s =
        DatasetPreparer.newBuilder(ml1m(), dir.resolve("out"))
            .withValidation(true)
            .build()
            .prepare();
    // User 2 has two ratings: one goes to test, the other stays in train rather than leave the
    // user without history.
    assertThat(s.validation()).isEqualTo(2);
    assertThat(s.train()).isEqualTo(3);
    assertThat(PreparedDataset.open(dir.resolve("out")).validationData()).isPresent();
  }

  @Test
  void countsSkippedLinesInLenientMode() throws IOException {
    Path src = ml1m();
    Files.writeString(
        src.resolve("ratings.dat"),
        "1::1::9::5\n",
        StandardCharsets.ISO_8859_1,
        java.nio.file.StandardOpenOption.APPEND);
    PrepareSummary s =
        DatasetPreparer.newBuilder(src, dir.resolve("out"))
            .withReadOptions(ReadOptions.newBuilder().withLenient(true).build())
            .build()
            .prepare();
    assertThat(s.skippedLines()).isEqualTo(1);
    assertThat(s.ratings()).isEqualTo(8);
  }

  @Test
  void stopsOnAMalformedLineAndLeavesNoOutput() throws IOException {
    Path src = ml1m();
    Files.writeString(
        src.resolve("ratings.dat"),
        "1::1::9::5\n",
        StandardCharsets.ISO_8859_1,
        java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> DatasetPreparer.newBuilder(src, dir.resolve("out")).build().prepare())
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("ratings.dat line 9");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void findsTheDataSetFromOneOfItsSplitDirectories() throws IOException {
    DatasetPreparer.newBuilder(ml1m(), dir.resolve("out")).build().prepare();
    PreparedDataset d = PreparedDataset.ofSplitDirectory(dir.resolve("out/test"));
    assertThat(d.directory()).isEqualTo(dir.resolve("out").toAbsolutePath());
    assertThat(List.of(d.sourceFormat())).containsExactly("ML_1M");
  }
}
