package io.movierec.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Users and movies resemble MovieLens 1M's mix. */
class UserAndMovieMixTest {

  private static List<User> users;
  private static List<Movie> movies;

  @BeforeAll
  static void generate() {
    // The ml-1m numbers of users and movies, with the fewest ratings allowed.
    SyntheticDataset data =
        SyntheticMovieLens.newBuilder().withRatings(6040 * 20).build().generate();
    users = data.users();
    movies = data.movies();
  }

  @Test
  void aboutSeventyTwoPercentOfUsersAreMen() {
    assertThat(share(users, u -> u.profile().gender() == Gender.MALE)).isBetween(0.69, 0.75);
  }

  @Test
  void theAgeBucket25To34IsTheLargest() {
    Map<AgeBucket, Integer> counts = new EnumMap<>(AgeBucket.class);
    users.forEach(u -> counts.merge(u.profile().age(), 1, Integer::sum));

    assertThat(counts).hasSize(AgeBucket.values().length);
    assertThat(counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey())
        .isEqualTo(AgeBucket.FROM_25_TO_34);
  }

  @Test
  void everyOccupationOccurs() {
    assertThat(users.stream().map(u -> u.profile().occupation()).distinct())
        .containsExactlyInAnyOrder(Occupation.values());
  }

  @Test
  void mostK12StudentsAreUnder18() {
    assertThat(shareOf(Occupation.K12_STUDENT, p -> p.age() == AgeBucket.UNDER_18))
        .isGreaterThan(0.6);
  }

  @Test
  void mostCollegeStudentsAre18To24() {
    assertThat(shareOf(Occupation.COLLEGE_GRAD_STUDENT, p -> p.age() == AgeBucket.FROM_18_TO_24))
        .isGreaterThan(0.5);
  }

  @Test
  void mostRetiredUsersAre50OrOlder() {
    assertThat(shareOf(Occupation.RETIRED, p -> p.age().code() >= 50)).isGreaterThan(0.75);
  }

  @Test
  void zipCodesAreMostlyFiveDigitsWithSomeZipPlusFour() {
    assertThat(users).allSatisfy(u -> assertThat(u.zip()).matches("\\d{5}(-\\d{4})?"));
    assertThat(users).anyMatch(u -> u.zip().length() == 10);
    assertThat(share(users, u -> u.zip().length() == 5)).isGreaterThan(0.9);
  }

  @Test
  void dramaAndComedyAreTheTwoMostCommonGenres() {
    Map<Genre, Integer> counts = new EnumMap<>(Genre.class);
    movies.forEach(m -> m.genres().forEach(g -> counts.merge(g, 1, Integer::sum)));

    List<Genre> byFrequency =
        counts.entrySet().stream()
            .sorted(Map.Entry.<Genre, Integer>comparingByValue().reversed())
            .map(Map.Entry::getKey)
            .toList();
    assertThat(byFrequency.subList(0, 2)).containsExactlyInAnyOrder(Genre.DRAMA, Genre.COMEDY);
    assertThat(byFrequency).hasSize(Genre.STANDARD_COUNT);
  }

  @Test
  void mostMoviesHaveOneGenreAndSomeHaveThree() {
    assertThat(share(movies, m -> m.genres().size() == 1)).isGreaterThan(0.4);
    assertThat(movies).anyMatch(m -> m.genres().size() == 3);
  }

  @Test
  void mostMoviesAreFromThe1990sAndSomeFromBefore1950() {
    assertThat(share(movies, m -> m.year() >= 1990 && m.year() <= 1999)).isGreaterThan(0.4);
    assertThat(movies).anyMatch(m -> m.year() < 1950);
    assertThat(movies.stream().map(Movie::year).min(Comparator.naturalOrder()).orElseThrow())
        .isGreaterThanOrEqualTo(1919);
  }

  @Test
  void aSmallShareOfTitlesHasLatin1Letters() {
    assertThat(share(movies, m -> m.title().chars().anyMatch(c -> c > 127))).isBetween(0.005, 0.03);
  }

  @Test
  void theTitleYearIsTheMoviesYear() {
    assertThat(movies).allSatisfy(m -> assertThat(Movie.parseYear(m.title())).hasValue(m.year()));
  }

  private static double shareOf(Occupation occupation, Predicate<UserProfile> condition) {
    List<User> holders =
        users.stream().filter(u -> u.profile().occupation() == occupation).toList();
    assertThat(holders).isNotEmpty();
    return share(holders, u -> condition.test(u.profile()));
  }

  private static <T> double share(List<T> items, Predicate<T> condition) {
    return items.stream().filter(condition).count() / (double) items.size();
  }
}
