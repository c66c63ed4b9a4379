/**
 * Training: the trainer that runs epochs over sample files (shuffling, prefetching, validation,
 * saving every epoch) and what it reports to listeners.
 */
@NullMarked
package io.movierec.training;

import org.jspecify.annotations.NullMarked;
