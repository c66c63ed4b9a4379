package io.movierec.recommend;

import io.movierec.domain.Movie;
import java.util.List;

/**
 * The answer to a lookup of several movie ids: the movies found, in request order, and the ids that
 * are not in the catalogue — reported per id rather than failing the whole request.
 */
public record MovieLookup(List<Movie> found, List<Integer> missing) {

  public MovieLookup {
    found = List.copyOf(found);
    missing = List.copyOf(missing);
  }
}
