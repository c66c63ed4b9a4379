/**
 * The domain: users, movies, ratings, demographics and genres as MovieLens defines them, and the
 * {@link io.movierec.domain.UserContext} a model scores a user by. Small immutable records
 * validated when built.
 */
@NullMarked
package io.movierec.domain;

import org.jspecify.annotations.NullMarked;
