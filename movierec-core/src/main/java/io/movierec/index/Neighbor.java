package io.movierec.index;

/**
 * One search hit.
 *
 * @param id the id of the stored vector (a movie id)
 * @param score the cosine similarity between the query and the stored vector, in [-1, 1]
 */
public record Neighbor(int id, float score) {}
