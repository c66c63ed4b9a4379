/**
 * The prepare stage (PaddleRec's {@code data_prepare.sh}): raw files → leave-latest-out split →
 * slot:feasign sample files plus the catalogue files that training, bundling and evaluation read.
 */
@NullMarked
package io.movierec.prepare;

import org.jspecify.annotations.NullMarked;
