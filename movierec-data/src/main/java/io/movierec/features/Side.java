package io.movierec.features;

/** Which tower a feature belongs to: what is known about the user, or about the movie. */
public enum Side {
  USER,
  MOVIE
}
