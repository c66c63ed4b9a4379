package io.movierec.cli;

import io.movierec.MovierecVersion;
import io.movierec.data.MalformedDataException;
import io.movierec.io.CorruptFileException;
import io.movierec.io.UnsafeOutputException;
import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code movierec} command line: PaddleRec's scripts as subcommands.
 *
 * <pre>
 *   movierec prepare ...     data_prepare.sh
 *   movierec train ...       trainer.py
 *   movierec infer ...       infer.py
 *   movierec evaluate ...    parse.py
 *   movierec blend ...       (fits a rating blend)
 *   movierec bundle ...      (assembles a servable bundle)
 *   movierec describe PATH   (what a saved model, bundle or file is)
 *   movierec client ...      test_client.py
 *   movierec serve ...       the five operations over HTTP
 *   movierec quickstart      all of it on synthetic data
 *   movierec bench prepare|train|serve|soak|index|jmh
 * </pre>
 *
 * <p>Every command takes {@code -h/--help}; {@code --verbose} (anywhere on the line) logs at INFO
 * and prints the stack trace of a failure. Exit codes: {@value #OK} done, {@value #FAILURE} failed,
 * {@value #USAGE} wrong command line (unknown option, bad value, options that do not go together, a
 * refused output directory). An error is one line, {@code movierec <command>: <message>}; a usage
 * error adds a hint to the command's {@code --help}. Long steps show their progress on standard
 * error: one line redrawn in place on a terminal, a plain line every 10 seconds otherwise ({@link
 * ProgressOutput}).
 *
 * <p>A command is a picocli {@code @Command} class listed in {@code subcommands} below, one line
 * each. Its results go to standard output ({@link #out}), once each; the log goes to standard
 * error.
 */
@Command(
    name = "movierec",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "PaddleRec's MovieLens recommender in Java: prepare, train, evaluate, serve.",
    footer = {
      "",
      "Exit codes: 0 done, 1 failed, 2 wrong command line (unknown option, bad value, refused"
          + " output directory).",
      "'movierec COMMAND --help' describes a command."
    },
    subcommands = {
      PrepareCommand.class,
      TrainCommand.class,
      InferCommand.class,
      EvaluateCommand.class,
      BlendCommand.class,
      BundleCommand.class,
      ExportCommand.class,
      DescribeCommand.class,
      ClientCommand.class,
      ServeCommand.class,
      QuickstartCommand.class,
      BenchCommand.class,
      HelpCommand.class,
    })
public final class Main implements Callable<Integer> {

  /** The exit code of a command that did its work. */
  public static final int OK = 0;

  /** The exit code of a command that failed (bad input data, a model that cannot be read, ...). */
  public static final int FAILURE = 1;

  /** The exit code of a wrong command line, refused output directories included. */
  public static final int USAGE = 2;

  /** The option that logs at INFO and prints stack traces. */
  static final String VERBOSE = "--verbose";

  /**
   * The slf4j-simple system property of the default log level (WARN in simplelogger.properties).
   */
  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  @Option(
      names = VERBOSE,
      scope = ScopeType.INHERIT,
      description = "Log at INFO, and print the stack trace of a failure.")
  boolean verbose;

  @Spec CommandSpec spec;

  private final PrintStream out;

  private Main(PrintStream out) {
    this.out = out;
  }

  /** Runs a command and exits with its code ({@link #OK}, {@link #FAILURE} or {@link #USAGE}). */
  public static void main(String[] argv) {
    if (isVerbose(argv)) {
      // Before any class that logs is loaded: slf4j-simple reads its level once.
      System.setProperty(LOG_LEVEL_PROPERTY, "info");
    }
    Console console = System.console();
    PrintStream out =
        ProgressOutput.install(
            console != null,
            System.out,
            System.err,
            console != null ? console.charset() : Charset.defaultCharset());
    int code = run(argv, out, System.err);
    out.flush();
    if (code != OK) {
      System.exit(code);
    }
  }

  /** Runs the command line {@code argv}, results to {@code out}, errors to {@code err}. */
  static int run(String[] argv, PrintStream out, PrintStream err) {
    boolean verbose = isVerbose(argv);
    CommandLine cl = configure(new CommandLine(new Main(out)));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setParameterExceptionHandler(
        (e, args) -> usageError(e.getCommandLine(), message(e), err, verbose ? e : null));
    cl.setExecutionExceptionHandler((e, failed, parsed) -> failure(e, failed, err, verbose));
    return cl.execute(argv);
  }

  /** Without a command: the usage, and the usage error's code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  /**
   * A command line over {@code command} parsed as {@code movierec} parses it (integers may have
   * {@code _} or {@code ,} separators, a repeated option keeps its last value, no {@code @file}
   * expansion).
   */
  static CommandLine configure(CommandLine cl) {
    cl.setExpandAtFiles(false);
    cl.setOverwrittenOptionsAllowed(true);
    cl.registerConverter(
        Integer.class, s -> (int) integer(s, Integer.MIN_VALUE, Integer.MAX_VALUE));
    cl.registerConverter(int.class, s -> (int) integer(s, Integer.MIN_VALUE, Integer.MAX_VALUE));
    cl.registerConverter(Long.class, s -> integer(s, Long.MIN_VALUE, Long.MAX_VALUE));
    cl.registerConverter(long.class, s -> integer(s, Long.MIN_VALUE, Long.MAX_VALUE));
    cl.registerConverter(Float.class, Main::decimal);
    cl.registerConverter(float.class, Main::decimal);
    CommandLine bench = cl.getSubcommands().get("bench");
    if (bench != null) {
      bench.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
    }
    return cl;
  }

  /**
   * {@code command} with the options of {@code argv}, for a command run from Java (tests, {@code
   * quickstart}).
   *
   * @throws ParameterException if {@code argv} is not a valid command line for it
   */
  static <T> T parse(T command, String... argv) {
    configure(new CommandLine(command)).parseArgs(argv);
    return command;
  }

  /** Where results print: the standard output {@code movierec} was given. */
  static PrintStream out(CommandSpec spec) {
    return spec.root().userObject() instanceof Main m ? m.out : System.out;
  }

  /**
   * Whether {@code --verbose} is among the options of {@code argv} (looked up before parsing, so
   * that it can set the log level first).
   */
  static boolean isVerbose(String[] argv) {
    for (String a : argv) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals(VERBOSE)) {
        return true;
      }
    }
    return false;
  }

  private static long integer(String s, long min, long max) {
    try {
      long v = Long.parseLong(s.trim().replace("_", "").replace(",", ""));
      if (v < min || v > max) {
        throw new TypeConversionException("'" + s + "' is out of range (" + min + ".." + max + ")");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + s + "' is not an integer");
    }
  }

  private static float decimal(String s) {
    try {
      return Float.parseFloat(s.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + s + "' is not a number");
    }
  }

  /**
   * A parse error's message, with picocli's suggestion for a misspelt option. An unknown option is
   * reported before a missing one (it may be the missing one misspelt).
   */
  private static String message(ParameterException e) {
    List<String> unmatched =
        e instanceof UnmatchedArgumentException u
            ? u.getUnmatched()
            : e.getCommandLine().getUnmatchedArguments();
    List<String> options = unmatched.stream().filter(a -> a.startsWith("-")).toList();
    if (!options.isEmpty()) {
      e = new UnmatchedArgumentException(e.getCommandLine(), options);
    } else if (!unmatched.isEmpty() && !(e instanceof UnmatchedArgumentException)) {
      e = new UnmatchedArgumentException(e.getCommandLine(), unmatched);
    }
    String m = e.getMessage();
    if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      m += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
    }
    return m;
  }

  private static int usageError(
      CommandLine command, String message, PrintStream err, Throwable trace) {
    String name = command.getCommandSpec().qualifiedName();
    err.println(name + ": " + message);
    err.println("try '" + name + " --help'");
    if (trace != null) {
      trace.printStackTrace(err);
    }
    return USAGE;
  }

  private static int failure(Exception e, CommandLine failed, PrintStream err, boolean verbose) {
    if (e instanceof UsageException || e instanceof UnsafeOutputException) {
      return usageError(
          failed, inCliTerms(String.valueOf(e.getMessage())), err, verbose ? e : null);
    }
    err.println(failed.getCommandSpec().qualifiedName() + ": " + describe(e));
    if (verbose) {
      e.printStackTrace(err);
    }
    return FAILURE;
  }

  /** One line that says what went wrong, in the user's terms. */
  static String describe(Throwable e) {
    return inCliTerms(describeRaw(e));
  }

  private static String describeRaw(Throwable e) {
    if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
      return describeRaw(u.getCause());
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file: "
          + n.getFile()
          + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
    }
    if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof FileSystemException f) {
      return f.getFile()
          + ": "
          + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName())
          + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
    }
    if (e instanceof CharacterCodingException) {
      return "a file is not UTF-8 text (" + e + ")";
    }
    if (e instanceof MalformedDataException
        || e instanceof CorruptFileException
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof java.io.IOException) {
      if (e.getMessage() != null && !e.getMessage().isBlank()) {
        return e.getMessage();
      }
    }
    String m = e.getMessage();
    return m == null || m.isBlank()
        ? e.getClass().getSimpleName() + " (run with --verbose for the stack trace)"
        : m + " (" + e.getClass().getSimpleName() + "; run with --verbose for the stack trace)";
  }

  /**
   * {@code message} without the advice meant for Java callers of the library (builder calls a
   * command-line user cannot make).
   */
  static String inCliTerms(String message) {
    return message
        .replace(
            "(save one with Recommender.save or movierec bundle)",
            "(make one with movierec bundle)")
        .replace(
            "; to read only the users and movies, open with"
                + " ReadOptions.newBuilder().withRatingsRequired(false)",
            "")
        .replace(", or read it with ReadOptions.newBuilder().withCharset(UTF_8)", "")
        .replace(
            "; choose one with ReadOptions.newBuilder().withFormat(...)",
            "; keep the files of one format in the directory")
        .replace(
            "ratings must be at least minRatingsPerUser × users",
            "--ratings must be at least (ratings per user) × --users")
        .replace(
            "ratings must be at most half of users × movies",
            "--ratings must be at most half of --users × --movies")
        .replace(
            "ratings must be at most users × maxRatingsPerUser(movies)",
            "--ratings must be at most --users × (the most ratings one user can give)")
        .replace("users must be at least 1,", "--users must be at least 1,")
        .replace("movies must be at least 1,", "--movies must be at least 1,");
  }

  /** {@code --version}: the movierec version and the Java runtime. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "movierec " + MovierecVersion.get(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
      };
    }
  }
}
