package io.movierec.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.Genre;
import io.movierec.synthetic.Ml1mTestFiles.MovieLine;
import io.movierec.synthetic.Ml1mTestFiles.RatingLine;
import io.movierec.synthetic.Ml1mTestFiles.UserLine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written files follow the MovieLens 1M format and its constraints. */
class Ml1mFormatTest {

  private static final Set<Integer> AGE_CODES = Set.of(1, 18, 25, 35, 45, 50, 56);
  private static final Pattern ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
  private static final Pattern TITLE = Pattern.compile("(.+) \\((\\d{4})\\)");
  private static final long FIRST_ML1M_TIMESTAMP = 956_703_932L;
  private static final long LAST_ML1M_TIMESTAMP = 1_046_454_590L;

  @TempDir static Path dir;

  private static List<UserLine> users;
  private static List<MovieLine> movies;
  private static List<RatingLine> ratings;

  @BeforeAll
  static void writeSmallDataSet() throws IOException {
    settings().writeTo(dir);
    users = Ml1mTestFiles.users(dir);
    movies = Ml1mTestFiles.movies(dir);
    ratings = Ml1mTestFiles.ratings(dir);
  }

  private static SyntheticMovieLens settings() {
    return SyntheticMovieLens.newBuilder()
        .withUsers(200)
        .withMovies(300)
        .withRatings(10_000)
        .withSeed(3)
        .build();
  }

  @Test
  void usersAreNumberedFromOneWithoutGaps() {
    for (int i = 0; i < users.size(); i++) {
      assertThat(users.get(i).id()).isEqualTo(i + 1);
    }
  }

  @Test
  void everyUserHasAValidGenderAgeOccupationAndZip() {
    for (UserLine u : users) {
      assertThat(u.gender()).as("user %s", u.id()).isIn("M", "F");
      assertThat(AGE_CODES).as("user %s", u.id()).contains(u.age());
      assertThat(u.occupation()).as("user %s", u.id()).isBetween(0, 20);
      assertThat(u.zip()).as("user %s", u.id()).matches(ZIP);
    }
  }

  @Test
  void movieIdsAscendFromOneWithAFewGaps() {
    int[] ids = movies.stream().mapToInt(MovieLine::id).toArray();

    assertThat(ids[0]).isEqualTo(1);
    for (int i = 1; i < ids.length; i++) {
      assertThat(ids[i]).isGreaterThan(ids[i - 1]);
    }
    assertThat(ids[ids.length - 1]).isGreaterThan(ids.length).isLessThan(ids.length * 11 / 10);
  }

  @Test
  void everyTitleEndsWithAYearFrom1919To2000AndIsUnique() {
    Set<String> titles = new HashSet<>();
    for (MovieLine m : movies) {
      Matcher title = TITLE.matcher(m.title());
      assertThat(title.matches()).as("title '%s'", m.title()).isTrue();
      assertThat(Integer.parseInt(title.group(2))).as(m.title()).isBetween(1919, 2000);
      assertThat(titles.add(m.title())).as("duplicate title '%s'", m.title()).isTrue();
    }
  }

  @Test
  void everyMovieHasOneToThreeDistinctStandardGenresInMovieLensOrder() {
    List<String> standard =
        Arrays.stream(Genre.values()).filter(Genre::isStandard).map(Genre::label).toList();
    for (MovieLine m : movies) {
      assertThat(m.genres()).as("movie %s", m.id()).hasSizeBetween(1, 3).doesNotHaveDuplicates();
      assertThat(standard).as("movie %s", m.id()).containsAll(m.genres());
      List<Integer> positions = m.genres().stream().map(standard::indexOf).toList();
      assertThat(positions).as("movie %s", m.id()).isSorted();
    }
  }

  @Test
  void someTitlesMoveTheirArticleToTheEndAsMovieLensDoes() {
    assertThat(movies).anyMatch(m -> m.title().matches(".+, (The|A|An) \\(\\d{4}\\)"));
  }

  @Test
  void ratingsAreWholeStarsFromOneToFive() {
    assertThat(ratings).allSatisfy(r -> assertThat(r.score()).isBetween(1, 5));
  }

  @Test
  void ratingsNameOnlyKnownUsersAndMovies() {
    Set<Integer> userIds = new HashSet<>();
    users.forEach(u -> userIds.add(u.id()));
    Set<Integer> movieIds = new HashSet<>();
    movies.forEach(m -> movieIds.add(m.id()));

    for (RatingLine r : ratings) {
      assertThat(userIds).contains(r.userId());
      assertThat(movieIds).contains(r.movieId());
    }
  }

  @Test
  void noUserRatesAMovieTwice() {
    Set<Long> pairs = new HashSet<>();
    for (RatingLine r : ratings) {
      assertThat(pairs.add((long) r.userId() << 32 | r.movieId()))
          .as("user %s rates movie %s twice", r.userId(), r.movieId())
          .isTrue();
    }
  }

  @Test
  void everyUserHasAtLeastTwentyRatings() {
    Map<Integer, Integer> perUser = countPerUser(ratings);

    assertThat(perUser).hasSize(users.size());
    assertThat(perUser.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(20));
  }

  @Test
  void everyUserHasAtLeastTheConfiguredMinimum(@TempDir Path other) throws IOException {
    SyntheticMovieLens.newBuilder()
        .withUsers(100)
        .withMovies(200)
        .withRatings(5_000)
        .withMinRatingsPerUser(45)
        .build()
        .writeTo(other);

    assertThat(countPerUser(Ml1mTestFiles.ratings(other)).values())
        .hasSize(100)
        .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(45));
  }

  @Test
  void ratingsAreGroupedByAscendingUserId() {
    for (int i = 1; i < ratings.size(); i++) {
      assertThat(ratings.get(i).userId()).isGreaterThanOrEqualTo(ratings.get(i - 1).userId());
    }
  }

  @Test
  void timestampsLieWithinTheTimeSpanOfMl1m() {
    assertThat(ratings)
        .allSatisfy(
            r -> assertThat(r.timestamp()).isBetween(FIRST_ML1M_TIMESTAMP, LAST_ML1M_TIMESTAMP));
  }

  @Test
  void noTwoRatingsOfAUserShareASecondSoTheLatestIsUnambiguous() {
    Set<Long> seen = new HashSet<>();
    for (RatingLine r : ratings) {
      assertThat(seen.add(r.userId() * 2_000_000_000L + r.timestamp())).isTrue();
    }
  }

  @Test
  void aUsersRowsAreNotWrittenInTimeOrder() {
    Map<Integer, List<Long>> times = new HashMap<>();
    for (RatingLine r : ratings) {
      times.computeIfAbsent(r.userId(), id -> new ArrayList<>()).add(r.timestamp());
    }
    long sortedUsers =
        times.values().stream().filter(t -> t.stream().sorted().toList().equals(t)).count();

    assertThat(sortedUsers).isZero();
  }

  @Test
  void linesEndWithLineFeedsOnly() throws IOException {
    for (String file : List.of("users.dat", "movies.dat", "ratings.dat")) {
      byte[] bytes = Files.readAllBytes(dir.resolve(file));
      assertThat(bytes).as(file).doesNotContain((byte) '\r');
      assertThat(bytes[bytes.length - 1]).as(file).isEqualTo((byte) '\n');
    }
  }

  @Test
  void someTitlesHaveLatin1LettersWrittenAsSingleBytes() throws IOException {
    byte[] bytes = Files.readAllBytes(dir.resolve("movies.dat"));

    assertThat(countHighBytes(bytes)).isPositive();
    // A single byte such as 0xE9 (é) is not valid UTF-8, so the file is Latin-1, not UTF-8.
    assertThatThrownBy(
            () ->
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)))
        .isInstanceOf(CharacterCodingException.class);
  }

  @Test
  void latin1TitlesRoundTripThroughTheFileOneByteALetter() throws IOException {
    List<String> generated = settings().generate().movies().stream().map(m -> m.title()).toList();
    List<String> nonAscii =
        generated.stream().filter(t -> t.chars().anyMatch(c -> c > 127)).toList();
    int nonAsciiLetters =
        nonAscii.stream().mapToInt(t -> (int) t.chars().filter(c -> c > 127).count()).sum();

    assertThat(nonAscii).isNotEmpty();
    assertThat(movies.stream().map(MovieLine::title).toList()).isEqualTo(generated);
    assertThat(countHighBytes(Files.readAllBytes(dir.resolve("movies.dat"))))
        .isEqualTo(nonAsciiLetters);
  }

  private static Map<Integer, Integer> countPerUser(List<RatingLine> ratings) {
    Map<Integer, Integer> perUser = new HashMap<>();
    ratings.forEach(r -> perUser.merge(r.userId(), 1, Integer::sum));
    return perUser;
  }

  private static int countHighBytes(byte[] bytes) {
    int n = 0;
    for (byte b : bytes) {
      if ((b & 0xFF) >= 0x80) {
        n++;
      }
    }
    return n;
  }
}
