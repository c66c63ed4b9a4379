/**
 * Small algorithms more than one stage needs, written once: selection of the largest values ({@link
 * io.movierec.util.Quickselect}).
 */
@NullMarked
package io.movierec.util;

import org.jspecify.annotations.NullMarked;
