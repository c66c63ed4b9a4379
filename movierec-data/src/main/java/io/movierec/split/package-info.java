/**
 * The leave-latest-out split: each user's latest rating is the test set (and optionally the one
 * before it the validation set), with a documented tie rule.
 */
@NullMarked
package io.movierec.split;

import org.jspecify.annotations.NullMarked;
