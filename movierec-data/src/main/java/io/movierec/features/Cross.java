package io.movierec.features;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A crossed feature: every pair of values of two fields of the same side, joined by {@code _}.
 * {@code age*occupation} for a 25-34 programmer gives the single value {@code "25_12"}; the
 * reference's advice to "combine features" is this.
 */
public record Cross(Field first, Field second) implements Feature {

  public Cross {
    checkArgument(
        first.side() == second.side(),
        "cannot cross %s (a %s field) with %s (a %s field): both must describe the same side",
        first.spec(),
        first.side(),
        second.spec(),
        second.side());
    checkArgument(first != second, "cannot cross %s with itself", first.spec());
  }

  @Override
  public Side side() {
    return first.side();
  }

  @Override
  public String spec() {
    return first.spec() + "*" + second.spec();
  }

  @Override
  public void userValues(UserContext user, List<String> out) {
    List<String> a = new ArrayList<>(4);
    List<String> b = new ArrayList<>(4);
    first.userValues(user, a);
    second.userValues(user, b);
    combine(a, b, out);
  }

  @Override
  public void movieValues(Movie movie, List<String> out) {
    List<String> a = new ArrayList<>(4);
    List<String> b = new ArrayList<>(4);
    first.movieValues(movie, a);
    second.movieValues(movie, b);
    combine(a, b, out);
  }

  private static void combine(List<String> a, List<String> b, List<String> out) {
    for (String x : a) {
      for (String y : b) {
        out.add(x + "_" + y);
      }
    }
  }
}
