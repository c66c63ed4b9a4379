package io.movierec.recommend;

import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A read-only view of the known users: the queries of a {@link UserStore} and none of its updates.
 * {@link Recommender#users()} hands out this view, so that users and ratings are added only through
 * the recommender ({@link Recommender#addUser}, {@link Recommender#recordRating}); the view
 * reflects those changes as they happen.
 */
public interface UserStoreView {

  /** The user with this id, if known. */
  Optional<User> user(int id);

  /**
   * The user with this id and their history, most recent first, if known. Until the user's entry
   * changes, every call returns the same instance.
   */
  Optional<UserContext> context(int id);

  /** The movies the user rated, most recent first (empty for an unknown user). */
  int[] history(int id);

  /** True if the user rated the movie. */
  boolean hasSeen(int userId, int movieId);

  /**
   * A test of "has the user seen this movie" over a snapshot of the user's ratings (nothing for an
   * unknown user); cheap to call many times.
   */
  IntPredicate seenFilter(int userId);

  /** The number of distinct movies the user rated. */
  int seenCount(int userId);

  /** The number of users. */
  int size();

  /** The ids of every user, ascending. */
  int[] ids();
}
