package io.movierec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.recommend.Recommender;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QuickstartExample's main, end to end on tiny synthetic data. */
class QuickstartExampleTest {

  @TempDir static Path work;
  private static String printed;

  @BeforeAll
  static void runMain() throws Exception {
    printed =
        Stdout.capture(
            () ->
                QuickstartExample.main(new String[] {work.toString(), "200", "300", "12000", "1"}));
  }

  @Test
  void printsWhatThePreparationDid() {
    assertThat(printed)
        .contains("users 200  movies 300  ratings 12,000")
        .contains("train 11,800  test 200");
  }

  @Test
  void printsTheLastEpochOfBothModels() {
    assertThat(printed)
        .containsPattern("recall model: epoch 1: loss \\d+\\.\\d+")
        .containsPattern("rank model: +epoch 1: loss \\d+\\.\\d+");
  }

  @Test
  void printsRatingAndRecallMetricsOverEveryTestUser() {
    assertThat(printed)
        .containsPattern("rank model on the test set: +n=200 accuracy=")
        .containsPattern("recall model on the test set: users=200 HR@10=");
  }

  @Test
  void recommendsFiveMoviesForTheNewAndTheKnownUser() {
    assertThat(section("A new user", "Known user")).hasSize(5);
    assertThat(section("Known user", "Saved the recommender")).hasSize(5);
  }

  @Test
  void neverRecommendsToTheKnownUserAMovieTheyRated() throws Exception {
    Matcher m = Pattern.compile("Known user (\\d+), who rated (\\d+) movies").matcher(printed);
    assertThat(m.find()).isTrue();
    int user = Integer.parseInt(m.group(1));
    try (Recommender r = Recommender.load(work.resolve("bundle"))) {
      assertThat(r.users().seenCount(user)).isEqualTo(Integer.parseInt(m.group(2)));
      for (String row : section("Known user", "Saved the recommender")) {
        int movie = Integer.parseInt(row.trim().split("\\s+")[0]);
        assertThat(r.users().hasSeen(user, movie)).as("movie %s", movie).isFalse();
      }
    }
  }

  @Test
  void savesABundleThatLoadsWithTheWholeCatalogue() throws Exception {
    assertThat(printed).contains("Saved the recommender to " + work.resolve("bundle"));
    try (Recommender r = Recommender.load(work.resolve("bundle"))) {
      assertThat(r.movieStore().size()).isEqualTo(300);
      assertThat(r.users().size()).isEqualTo(200);
      assertThat(r.ranker()).isPresent();
    }
  }

  /** The table rows (lines starting with a movie id) between two headings. */
  private static java.util.List<String> section(String from, String to) {
    String part = printed.substring(printed.indexOf(from), printed.indexOf(to));
    return part.lines().filter(l -> l.matches("\\s+\\d+\\s.*")).toList();
  }
}
