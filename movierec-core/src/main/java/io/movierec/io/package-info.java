/**
 * Files that are never half-written and never silently wrong: atomic writes and directory
 * replacement ({@link io.movierec.io.AtomicFiles}) and the versioned, checksummed framing of every
 * binary file ({@link io.movierec.io.VersionedFile}).
 */
@NullMarked
package io.movierec.io;

import org.jspecify.annotations.NullMarked;
