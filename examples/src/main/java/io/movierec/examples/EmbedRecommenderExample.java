package io.movierec.examples;

import io.movierec.domain.Movie;
import io.movierec.domain.UserProfile;
import io.movierec.io.AtomicFiles;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An application embedding a trained {@link Recommender}: load it, ask it, feed it live events (a
 * new rating, a new movie) without retraining, and save it again.
 *
 * <p>A recommender lives in a "bundle" directory: both models, the vector index, the catalogue and
 * the users with their histories. Make one with {@code bin/movierec quickstart --dir X} (it lands
 * in {@code X/bundle}), or with {@code QuickstartExample X}.
 *
 * <p>Run: {@code EmbedRecommenderExample [BUNDLE_DIR [SAVE_DIR]]}. The updated recommender is saved
 * to {@code SAVE_DIR} (default: back into {@code BUNDLE_DIR}). Without a bundle, a small one is
 * trained first in a temporary directory, removed at the end.
 */
public final class EmbedRecommenderExample {

  private EmbedRecommenderExample() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    Path temp = args.length > 0 ? null : Files.createTempDirectory("movierec-");
    Path bundle = args.length > 0 ? Path.of(args[0]) : temp.resolve("bundle");
    Path saveTo = args.length > 1 ? Path.of(args[1]) : bundle;
    try {
      if (temp != null) {
        out.println("No bundle given: training a small one first.");
        try (Recommender trained =
            QuickstartExample.train(temp, QuickstartExample.Size.SMALL, out)) {
          trained.save(bundle);
        }
      }
      // Loading needs movierec-models and movierec-index on the class path: they provide the
      // loaders for the models and the index (found with java.util.ServiceLoader).
      try (Recommender r = Recommender.load(bundle)) {
        out.printf(
            "%nLoaded %s: %d movies, %d users%n", bundle, r.movieStore().size(), r.users().size());
        run(r, out);
        // Saving writes a new generation of every part, then switches to it atomically: a crash
        // mid-save leaves the previous bundle loadable.
        r.save(saveTo);
        out.println("\nSaved the updated recommender to " + saveTo);
      }
    } finally {
      if (temp != null) {
        AtomicFiles.deleteRecursively(temp);
      }
    }
  }

  private static void run(Recommender r, PrintStream out) {
    // 1. A visitor who just signed up: gender, age (any age; it falls into MovieLens' buckets)
    //    and an occupation code (5 = customer service). No id, no history needed.
    UserProfile visitor = UserProfile.of("F", 27, 5);
    out.println("\nNew user (F, 25-34, customer service):");
    QuickstartExample.printRecommendations(r.recommend(visitor, 5), out);

    // 2. A known user: movies they already rated are never recommended again.
    int user = r.users().ids()[0];
    List<Recommendation> before = r.recommend(user, 5);
    out.println("\nKnown user " + user + ":");
    QuickstartExample.printRecommendations(before, out);

    // 3. The user watches and rates our top pick. recordRating adds it to their history: it
    //    leaves their recommendations, and their vector is recomputed from the new history.
    Movie watched = before.get(0).movie();
    r.recordRating(user, watched.id(), 5f);
    List<Recommendation> after = r.recommend(user, 5);
    out.println("\nUser " + user + " rated movie " + watched.id() + " five stars; now:");
    QuickstartExample.printRecommendations(after, out);
    out.println(
        "movie "
            + watched.id()
            + " still recommended: "
            + after.stream().anyMatch(x -> x.movie().id() == watched.id()));

    // 4. A movie released today: addMovie embeds it with the recall model's movie tower and puts
    //    its vector in the index — no retraining. Here, a sequel to the visitor's top pick.
    Movie original = r.recommend(visitor, 1).get(0).movie();
    int newId = r.movieStore().all().stream().mapToInt(Movie::id).max().orElse(0) + 1;
    String name = original.title().replaceAll("\\s*\\(\\d{4}\\)$", "");
    Movie sequel = Movie.of(newId, name + " 2 (2025)", original.genres());
    r.addMovie(sequel);
    out.println("\nAdded movie " + newId + ": " + sequel.title());

    // Who gets it? The recall stage hands each user's closest r.candidates() movies to the ranker.
    // (The new id was never trained, so its id embedding is still random: the title words and
    // genres carry what the model knows of the movie.)
    int reached = 0;
    int closestUser = -1;
    int closest = Integer.MAX_VALUE;
    for (int u : r.users().ids()) {
      List<Integer> ids = r.recall(u, r.candidates()).stream().map(m -> m.movie().id()).toList();
      if (ids.contains(newId)) {
        reached++;
        if (ids.indexOf(newId) < closest) {
          closest = ids.indexOf(newId);
          closestUser = u;
        }
      }
    }
    out.println("It is a recall candidate for " + reached + " of " + r.users().size() + " users");
    if (reached > 0) {
      List<Integer> ranked =
          r.recommend(closestUser, r.candidates()).stream().map(m -> m.movie().id()).toList();
      out.println(
          "user "
              + closestUser
              + " has it closest; after ranking it is their "
              + "recommendation #"
              + (ranked.indexOf(newId) + 1));
    }
  }
}
