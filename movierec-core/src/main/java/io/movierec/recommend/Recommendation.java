package io.movierec.recommend;

import io.movierec.domain.Movie;

/**
 * A recommended movie with both stages' scores.
 *
 * @param movie the movie (title, year, genres)
 * @param recallScore the cosine between the user's and the movie's vectors
 * @param rankScore the ranker's predicted rating (1..5 scale), or {@link Float#NaN} when the
 *     recommender has no ranker
 */
public record Recommendation(Movie movie, float recallScore, float rankScore) {}
