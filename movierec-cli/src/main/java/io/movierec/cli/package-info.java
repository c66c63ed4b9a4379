/**
 * The {@code movierec} command line ({@link io.movierec.cli.Main}): prepare, train, infer,
 * evaluate, blend, bundle, client, quickstart and bench, each a {@code *Command} class that parses
 * its options and calls the library. Usage errors exit with status 2, other failures with 1.
 */
@NullMarked
package io.movierec.cli;

import org.jspecify.annotations.NullMarked;
