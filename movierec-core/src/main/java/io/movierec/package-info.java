/**
 * movierec, an embeddable movie recommender: this package holds only {@link
 * io.movierec.MovierecVersion}; the pipeline's stages live in the packages named after them ({@code
 * data}, {@code split}, {@code features}, {@code samples}, {@code prepare}, {@code models}, {@code
 * training}, {@code evaluation}, {@code blend}, {@code index}, {@code recommend}).
 */
@NullMarked
package io.movierec;

import org.jspecify.annotations.NullMarked;
