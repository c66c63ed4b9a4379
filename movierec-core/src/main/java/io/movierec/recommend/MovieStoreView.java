package io.movierec.recommend;

import io.movierec.domain.Movie;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the catalogue: the queries of a {@link MovieStore} and none of its updates.
 * {@link Recommender#movieStore()} hands out this view, so that movies are added and removed only
 * through the recommender, which keeps its index in step; the view reflects those changes as they
 * happen.
 */
public interface MovieStoreView {

  /** The movie with this id, if the catalogue has it. */
  Optional<Movie> get(int id);

  /** The movies of these ids, in request order, and the ids that are not in the catalogue. */
  MovieLookup lookup(int... ids);

  /** The number of movies. */
  int size();

  /** A snapshot of every movie, by id. */
  List<Movie> all();
}
