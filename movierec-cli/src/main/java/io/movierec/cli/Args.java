package io.movierec.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments: {@code --name value} options, {@code --flag} switches and positional
 * words. Every option a command reads must be declared, so a misspelt option is an error that names
 * it and lists the accepted ones.
 */
final class Args {

  private final Map<String, String> options = new HashMap<>();
  private final Set<String> flags = new HashSet<>();
  private final List<String> positional = new ArrayList<>();

  /**
   * Parses {@code argv}.
   *
   * @param valued options that take a value
   * @param switches options that take none
   * @throws UsageException naming an unknown option or a missing value
   */
  Args(String[] argv, Set<String> valued, Set<String> switches) {
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.startsWith("--")) {
        String name = a.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (switches.contains(name) && value == null) {
          flags.add(name);
        } else if (valued.contains(name)) {
          if (value == null) {
            if (i + 1 >= argv.length) {
              throw new UsageException("--" + name + " needs a value");
            }
            value = argv[++i];
          }
          options.put(name, value);
        } else {
          List<String> known = new ArrayList<>();
          valued.forEach(v -> known.add("--" + v + " <value>"));
          switches.forEach(s -> known.add("--" + s));
          known.sort(null);
          throw new UsageException(
              "unknown option --" + name + " (accepted: " + String.join(", ", known) + ")");
        }
      } else {
        positional.add(a);
      }
    }
  }

  String get(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  String required(String name) {
    String v = options.get(name);
    if (v == null) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  boolean has(String name) {
    return options.containsKey(name);
  }

  Path path(String name) {
    return Path.of(required(name));
  }

  int integer(String name, int fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
    }
  }

  long longValue(String name, long fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
    }
  }

  float decimal(String name, float fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Float.parseFloat(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, got '" + v + "'");
    }
  }

  /** A comma-separated list of integers, such as {@code --fc 512,256,128,32}. */
  List<Integer> integers(String name, List<Integer> fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--" + name + " must be integers separated by commas, got '" + v + "'");
    }
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  List<String> positional() {
    return positional;
  }

  /** A wrong command line; the message says what is wrong. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
