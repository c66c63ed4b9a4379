/**
 * The serving side: the {@link io.movierec.recommend.Recommender} that turns a user into a ranked
 * list (recall model → vector index → ranking model), the model interfaces it calls, the movie and
 * user stores, and bundles that save and load all of it.
 */
@NullMarked
package io.movierec.recommend;

import org.jspecify.annotations.NullMarked;
