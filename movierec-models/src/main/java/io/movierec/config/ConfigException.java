package io.movierec.config;

/** A config file that cannot be used; the message names the file, line and key. */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names the file, line and key. */
  public ConfigException(String message) {
    super(message);
  }
}
