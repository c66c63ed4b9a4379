package io.movierec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.recommend.Recommender;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EmbedRecommenderExample's main over a given bundle, and without one. */
class EmbedRecommenderExampleTest {

  @TempDir static Path dir;
  private static Path bundle;
  private static String printed;

  @BeforeAll
  static void runMainOnABundle() throws Exception {
    bundle = TinyModels.train(dir.resolve("models")).bundle(dir.resolve("bundle"));
    printed =
        Stdout.capture(
            () ->
                EmbedRecommenderExample.main(
                    new String[] {bundle.toString(), dir.resolve("updated").toString()}));
  }

  @Test
  void loadsTheBundle() {
    assertThat(printed)
        .contains(
            "Loaded "
                + bundle
                + ": "
                + TinyModels.MOVIES
                + " movies, "
                + TinyModels.USERS
                + " users");
  }

  @Test
  void dropsTheRatedMovieFromTheUsersRecommendations() {
    assertThat(printed)
        .containsPattern("User \\d+ rated movie (\\d+) five stars")
        .containsPattern("movie \\d+ still recommended: false");
  }

  @Test
  void savesTheRatingAndTheNewMovieWithTheBundle() throws Exception {
    Matcher rated = Pattern.compile("User (\\d+) rated movie (\\d+)").matcher(printed);
    Matcher added = Pattern.compile("Added movie (\\d+): (.*)").matcher(printed);
    assertThat(rated.find()).isTrue();
    assertThat(added.find()).isTrue();
    int newId = Integer.parseInt(added.group(1));
    try (Recommender r = Recommender.load(dir.resolve("updated"))) {
      assertThat(
              r.users().hasSeen(Integer.parseInt(rated.group(1)), Integer.parseInt(rated.group(2))))
          .isTrue();
      assertThat(r.movieStore().get(newId))
          .hasValueSatisfying(m -> assertThat(m.title()).isEqualTo(added.group(2).strip()));
      assertThat(r.movieStore().size()).isEqualTo(TinyModels.MOVIES + 1);
    }
  }

  @Test
  void leavesTheOriginalBundleAsItWasWhenSavingElsewhere() throws Exception {
    try (Recommender r = Recommender.load(bundle)) {
      assertThat(r.movieStore().size()).isEqualTo(TinyModels.MOVIES);
    }
  }

  @Test
  void countsTheUsersWhoseRecallCandidatesHoldTheNewMovie() throws Exception {
    Matcher added = Pattern.compile("Added movie (\\d+)").matcher(printed);
    Matcher reach =
        Pattern.compile("It is a recall candidate for (\\d+) of (\\d+) users").matcher(printed);
    assertThat(added.find()).isTrue();
    assertThat(reach.find()).isTrue();
    int newId = Integer.parseInt(added.group(1));
    try (Recommender r = Recommender.load(dir.resolve("updated"))) {
      int expected = 0;
      for (int u : r.users().ids()) {
        if (r.recall(u, r.candidates()).stream().anyMatch(s -> s.movie().id() == newId)) {
          expected++;
        }
      }
      assertThat(Integer.parseInt(reach.group(1))).isEqualTo(expected);
      assertThat(Integer.parseInt(reach.group(2))).isEqualTo(TinyModels.USERS);
    }
  }

  @Test
  void showsWhereTheRankerPutsTheNewMovieForTheClosestUser() throws Exception {
    Matcher m =
        Pattern.compile(
                "user (\\d+) has it closest; after ranking it is their " + "recommendation #(\\d+)")
            .matcher(printed);
    Matcher added = Pattern.compile("Added movie (\\d+)").matcher(printed);
    assertThat(added.find()).isTrue();
    if (printed.contains("recall candidate for 0 of")) {
      assertThat(m.find()).isFalse();
      return;
    }
    assertThat(m.find()).isTrue();
    int newId = Integer.parseInt(added.group(1));
    try (Recommender r = Recommender.load(dir.resolve("updated"))) {
      List<Integer> ranked =
          r.recommend(Integer.parseInt(m.group(1)), r.candidates()).stream()
              .map(x -> x.movie().id())
              .toList();
      assertThat(Integer.parseInt(m.group(2))).isEqualTo(ranked.indexOf(newId) + 1).isPositive();
    }
  }

  @Test
  void trainsASmallBundleFirstWhenGivenNone() throws Exception {
    String out = Stdout.capture(() -> EmbedRecommenderExample.main(new String[0]));
    assertThat(out)
        .contains("No bundle given: training a small one first.")
        .containsPattern(
            "Loaded .*: "
                + QuickstartExample.Size.SMALL.movies()
                + " movies, "
                + QuickstartExample.Size.SMALL.users()
                + " users");
    Matcher saved = Pattern.compile("Saved the updated recommender to (.*)").matcher(out);
    assertThat(saved.find()).isTrue();
    assertThat(Path.of(saved.group(1).strip()))
        .as("the temporary bundle is removed")
        .doesNotExist();
  }
}
