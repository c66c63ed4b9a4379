package io.movierec.recommend;

import io.movierec.domain.Movie;

/**
 * A movie with a score: the cosine of the recall stage, or the predicted rating of the rank stage.
 */
public record ScoredMovie(Movie movie, float score) {}
