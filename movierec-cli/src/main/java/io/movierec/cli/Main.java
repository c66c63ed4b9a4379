package io.movierec.cli;

import io.movierec.data.MalformedDataException;
import io.movierec.io.CorruptFileException;
import io.movierec.io.UnsafeOutputException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * The {@code movierec} command line: PaddleRec's scripts as subcommands.
 *
 * <pre>
 *   movierec prepare ...     data_prepare.sh
 *   movierec train ...       trainer.py
 *   movierec infer ...       infer.py
 *   movierec evaluate ...    parse.py
 *   movierec bundle ...      (assembles a servable bundle)
 *   movierec describe PATH   (what a saved model, bundle or file is)
 *   movierec client ...      test_client.py
 *   movierec quickstart      all of it on synthetic data
 *   movierec bench prepare|train|serve|index
 * </pre>
 */
public final class Main {

  private Main() {}

  /**
   * Runs a subcommand; exits with 2 on a usage error or a refused output directory ({@link
   * UnsafeOutputException}) and 1 on any other failure.
   */
  public static void main(String[] argv) {
    int code = run(argv, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(String[] argv, PrintStream out, PrintStream err) {
    if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
      out.println(usage());
      return argv.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
    try {
      switch (argv[0]) {
        case "prepare" -> PrepareCommand.run(rest, out);
        case "train" -> TrainCommand.run(rest, out);
        case "infer" -> InferCommand.run(rest, out);
        case "evaluate" -> EvaluateCommand.run(rest, out);
        case "blend" -> BlendCommand.run(rest, out);
        case "bundle" -> BundleCommand.run(rest, out);
        case "describe" -> DescribeCommand.run(rest, out);
        case "client" -> ClientCommand.run(rest, out);
        case "quickstart" -> QuickstartCommand.run(rest, out);
        case "bench" -> BenchCommand.run(rest, out);
        default -> throw new Args.UsageException("unknown command '" + argv[0] + "'");
      }
      return 0;
    } catch (Args.UsageException e) {
      err.println("movierec: " + e.getMessage());
      err.println(usage());
      return 2;
    } catch (MalformedDataException | IllegalArgumentException | IllegalStateException e) {
      err.println("movierec " + argv[0] + ": " + e.getMessage());
      return 1;
    } catch (CorruptFileException e) {
      err.println("movierec " + argv[0] + ": " + e.getMessage());
      return 1;
    } catch (UnsafeOutputException e) {
      // A refused output directory is a wrong argument: the usage error's code, without the usage.
      err.println("movierec " + argv[0] + ": " + e.getMessage());
      return 2;
    } catch (NoSuchFileException e) {
      err.println(
          "movierec "
              + argv[0]
              + ": no such file: "
              + e.getFile()
              + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
      return 1;
    } catch (Exception e) {
      err.println("movierec " + argv[0] + ": " + e);
      e.printStackTrace(err);
      return 1;
    }
  }

  static String usage() {
    return "usage: movierec <command> [options]\n  "
        + PrepareCommand.USAGE
        + "\n  "
        + TrainCommand.USAGE
        + "\n  "
        + InferCommand.USAGE
        + "\n  "
        + EvaluateCommand.USAGE
        + "\n  "
        + BlendCommand.USAGE
        + "\n  "
        + BundleCommand.USAGE
        + "\n  "
        + DescribeCommand.USAGE
        + "\n  "
        + ClientCommand.USAGE
        + "\n  "
        + QuickstartCommand.USAGE
        + "\n  "
        + BenchCommand.USAGE;
  }
}
