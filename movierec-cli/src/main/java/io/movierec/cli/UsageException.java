package io.movierec.cli;

/**
 * A wrong command line found while a command runs (options that do not go together, a value out of
 * range): the command exits with {@link Main#USAGE}, printing the message and a hint to its {@code
 * --help}. The message names the options in the user's terms ({@code --blend FILE}).
 */
final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
