package io.movierec.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.features.FeatureHasher;
import io.movierec.features.SlotSchema;
import io.movierec.samples.Sample;
import io.movierec.samples.SampleReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryPrepareTest {

  @TempDir Path dir;

  /**
   * One user (1) and three movies (1, 2, 3) with {@code ratings} as ratings.dat, prepared with the
   * user's 2 latest movies and scores as slots.
   */
  private PreparedDataset prepare(String ratings) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("users.dat"), "1::F::1::10::48067\n", StandardCharsets.ISO_8859_1);
    Files.writeString(
        src.resolve("movies.dat"),
        "1::A (1995)::Drama\n2::B (1995)::Drama\n3::C (1995)::Drama\n",
        StandardCharsets.ISO_8859_1);
    Files.writeString(src.resolve("ratings.dat"), ratings, StandardCharsets.ISO_8859_1);
    DatasetPreparer.newBuilder(src, dir.resolve("out"))
        .withSchema(SlotSchema.parse("userid,history/2,ratings/2,movieid"))
        .build()
        .prepare();
    return PreparedDataset.open(dir.resolve("out"));
  }

  @Test
  void givesEachRowOnlyTheRatingsThatCameBeforeIt() throws IOException {
    // File order differs from time order: 3 (t=10), then 1 (t=20), then 2 (t=30, the test row).
    PreparedDataset d = prepare("1::1::5::20\n1::2::4::30\n1::3::2::10\n");
    FeatureHasher h = d.encoder().hasher();
    try (SampleReader r = SampleReader.open(d.testData(), d.encoder().schema())) {
      Sample test = r.next().orElseThrow();
      assertThat(test.userIds())
          .containsExactly(
              h.hash("userid", "1"),
              h.hash("history", "1"),
              h.hash("history", "3"),
              h.hash("ratings", "5"),
              h.hash("ratings", "2"));
    }
    try (SampleReader r = SampleReader.open(d.trainData(), d.encoder().schema())) {
      List<Sample> train = r.readAll();
      Sample first = train.stream().filter(s -> s.logId() == 3).findFirst().orElseThrow();
      assertThat(first.userIds()).containsExactly(h.hash("userid", "1"), 0, 0, 0, 0);
      Sample second = train.stream().filter(s -> s.logId() == 1).findFirst().orElseThrow();
      assertThat(second.userIds())
          .containsExactly(
              h.hash("userid", "1"), h.hash("history", "3"), 0, h.hash("ratings", "2"), 0);
    }
  }

  @Test
  void keepsAHeldOutRatingOutOfTheHistoryOfATrainingRatingOfTheSameSecond() throws IOException {
    // Movies 1 and 2 share the latest second; the splitter holds out the first in the file (1).
    PreparedDataset d = prepare("1::1::5::30\n1::2::4::30\n1::3::2::10\n");
    FeatureHasher h = d.encoder().hasher();
    try (SampleReader r = SampleReader.open(d.testData(), d.encoder().schema())) {
      Sample test = r.next().orElseThrow();
      assertThat(test.logId()).isEqualTo(1);
      assertThat(test.userIds())
          .containsExactly(
              h.hash("userid", "1"),
              h.hash("history", "2"),
              h.hash("history", "3"),
              h.hash("ratings", "4"),
              h.hash("ratings", "2"));
    }
    try (SampleReader r = SampleReader.open(d.trainData(), d.encoder().schema())) {
      Sample sameSecond =
          r.readAll().stream().filter(s -> s.logId() == 2).findFirst().orElseThrow();
      assertThat(sameSecond.userIds())
          .containsExactly(
              h.hash("userid", "1"), h.hash("history", "3"), 0, h.hash("ratings", "2"), 0);
    }
  }
}
