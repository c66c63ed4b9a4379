/**
 * The {@code movierec} command line ({@link io.movierec.cli.Main}), on picocli: prepare, train,
 * infer, evaluate, blend, bundle, describe, client, quickstart and bench, each an {@code @Command}
 * class ({@code *Command}) whose typed options call the library; the recall-channel options are the
 * mixin {@code ChannelOptions.Flags}. Exit codes: 0 done, 1 failed, 2 wrong command line ({@link
 * io.movierec.cli.Main#USAGE}).
 *
 * <p>To add a command: an {@code @Command(name = ..., mixinStandardHelpOptions = true)} class that
 * implements {@code Callable<Integer>}, prints its results to {@code Main.out(spec)}, throws {@code
 * UsageException} for options that do not go together, and one line in {@code Main}'s {@code
 * subcommands}.
 */
@NullMarked
package io.movierec.cli;

import org.jspecify.annotations.NullMarked;
