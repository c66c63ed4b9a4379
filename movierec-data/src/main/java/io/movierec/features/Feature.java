package io.movierec.features;

import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import java.util.List;

/**
 * Where a slot's raw values come from: one {@link Field} of a user or a movie, or a {@link Cross}
 * of two fields of the same side. Values are strings; the hasher turns them into feasigns.
 */
public sealed interface Feature permits Field, Cross {

  /** The side the feature describes. */
  Side side();

  /**
   * The spec that {@link #parse} reads back, such as {@code "title"} or {@code "age*occupation"}.
   */
  String spec();

  /**
   * Appends the feature's values for a user to {@code out}; a brand-new user (id 0) gives no id
   * value, so the id slot stays padding.
   */
  void userValues(UserContext user, List<String> out);

  /** Appends the feature's values for a movie to {@code out}. */
  void movieValues(Movie movie, List<String> out);

  /**
   * Parses a feature spec: a field name ({@code userid, gender, age, occupation, zip, history,
   * movieid, title, genres, year}) or two field names of the same side joined by {@code *}.
   *
   * @throws IllegalArgumentException naming the spec if it is not one of those
   */
  static Feature parse(String spec) {
    int star = spec.indexOf('*');
    if (star < 0) {
      return Field.fromName(spec.trim());
    }
    return new Cross(
        Field.fromName(spec.substring(0, star).trim()),
        Field.fromName(spec.substring(star + 1).trim()));
  }
}
