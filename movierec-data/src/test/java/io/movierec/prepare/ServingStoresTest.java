package io.movierec.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.UserContext;
import io.movierec.features.SlotSchema;
import io.movierec.samples.Sample;
import io.movierec.samples.SampleReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingStoresTest {

  @TempDir Path dir;

  /**
   * One user (1) rating movies 1, 2 and 3 in the same second (30) and movie 4 earlier: the test row
   * is movie 1 (the first of the latest second in the file), the validation row movie 2 (the first
   * of the rest), and movie 3, of the same second as both but later in the file, stays in training.
   * Prepared with the latest movie and score as slots.
   */
  private PreparedDataset prepareSameSecond() throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("users.dat"), "1::F::1::10::48067\n", StandardCharsets.ISO_8859_1);
    Files.writeString(
        src.resolve("movies.dat"),
        "1::A (1995)::Drama\n2::B (1995)::Drama\n" + "3::C (1995)::Drama\n4::D (1995)::Drama\n",
        StandardCharsets.ISO_8859_1);
    Files.writeString(
        src.resolve("ratings.dat"),
        "1::1::5::30\n1::2::4::30\n1::3::3::30\n1::4::2::10\n",
        StandardCharsets.ISO_8859_1);
    DatasetPreparer.newBuilder(src, dir.resolve("out"))
        .withValidation(true)
        .withSchema(SlotSchema.parse("userid,history/1,ratings/1,movieid"))
        .build()
        .prepare();
    return PreparedDataset.open(dir.resolve("out"));
  }

  private static Sample only(Path samples, PreparedDataset d) throws IOException {
    try (SampleReader r = SampleReader.open(samples, d.encoder().schema())) {
      return r.next().orElseThrow();
    }
  }

  @Test
  void aUserBeforeTheTestPartEncodesToTheTestSamplesUserRow() throws IOException {
    PreparedDataset d = prepareSameSecond();
    Sample test = only(d.testData(), d);
    UserContext user =
        ServingStores.before(d, SplitRatings.Part.TEST).users().context(1).orElseThrow();

    assertThat(test.logId()).isEqualTo(1);
    // The validation rating (movie 2) is the latest: prepare puts it after movie 3.
    assertThat(user.historyAt(0)).isEqualTo(2);
    assertThat(d.encoder().encodeUser(user)).containsExactly(test.userIds());
  }

  @Test
  void aUserBeforeTheValidationPartEncodesToTheValidationSamplesUserRow() throws IOException {
    PreparedDataset d = prepareSameSecond();
    Sample validation = only(d.validationData().orElseThrow(), d);
    UserContext user =
        ServingStores.before(d, SplitRatings.Part.VALIDATION).users().context(1).orElseThrow();

    assertThat(validation.logId()).isEqualTo(2);
    assertThat(user.historyLength()).isEqualTo(2);
    assertThat(d.encoder().encodeUser(user)).containsExactly(validation.userIds());
  }

  @Test
  void theStoresOfThePartsOrderSameSecondRatingsByFileOrderAlone() throws IOException {
    PreparedDataset d = prepareSameSecond();
    UserContext user =
        ServingStores.of(
                d, java.util.EnumSet.of(SplitRatings.Part.TRAIN, SplitRatings.Part.VALIDATION))
            .users()
            .context(1)
            .orElseThrow();

    assertThat(user.historyAt(0)).isEqualTo(3);
  }

  @Test
  void nothingComesBeforeTheTrainingPart() throws IOException {
    PreparedDataset d = prepareSameSecond();

    assertThatThrownBy(() -> ServingStores.before(d, SplitRatings.Part.TRAIN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
