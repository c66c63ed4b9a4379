package io.movierec.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The guard every write of an output directory goes through, so that no movierec command or save
 * ever replaces or fills a directory that holds something else:
 *
 * <ul>
 *   <li>a directory that exists and is not empty is written only if it is a movierec output of the
 *       same {@link Kind} (recognised by the files that kind always writes, or by the {@value
 *       #MARKER} file {@link #claim} leaves in kinds that have no such file);
 *   <li>an output is never the same directory as one of the inputs, inside one, or around one
 *       (compared by real paths, so symbolic links and {@code ..} do not hide an overlap).
 * </ul>
 *
 * A refusal is an {@link UnsafeOutputException} whose message names the paths and says how to
 * proceed: choose an empty or new directory, or remove the directory yourself.
 */
public final class OutputDirectory {

  /** The file {@link #claim} writes into an output of a kind without a file of its own. */
  public static final String MARKER = ".movierec-output";

  private OutputDirectory() {}

  /**
   * A kind of output directory.
   *
   * @param id the name written into {@value #MARKER}
   * @param description what the kind is called in messages, e.g. "prepared data set"
   * @param recognizer true for a directory that is an output of this kind without a marker
   */
  public record Kind(String id, String description, Predicate<Path> recognizer) {

    /** Checks the values. */
    public Kind {
      requireNonNull(id, "id");
      requireNonNull(description, "description");
      requireNonNull(recognizer, "recognizer");
    }

    /** A kind recognised by any one of {@code signatureFiles} (paths relative to the directory). */
    public static Kind of(String id, String description, String... signatureFiles) {
      List<String> files = List.of(signatureFiles);
      return new Kind(
          id, description, dir -> files.stream().anyMatch(f -> Files.exists(dir.resolve(f))));
    }

    /**
     * Whether {@code dir} is an output of this kind: its marker names this kind, or it looks so.
     */
    public boolean recognizes(Path dir) {
      Path marker = dir.resolve(MARKER);
      if (Files.isRegularFile(marker)) {
        try {
          return Files.readString(marker, StandardCharsets.UTF_8).trim().equals("kind=" + id);
        } catch (IOException e) {
          return false;
        }
      }
      return recognizer.test(dir);
    }
  }

  /**
   * Checks that {@code out} may be written as an output of {@code kind}: it does not exist, is an
   * empty directory, or is an output of that kind.
   *
   * @throws UnsafeOutputException if it may not
   */
  public static void check(Path out, Kind kind) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new UnsafeOutputException(
          "output "
              + out
              + " is a file, not a directory: choose a new or empty directory for the "
              + kind.description());
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> list = Files.list(out)) {
      list.limit(4).forEach(p -> names.add(p.getFileName().toString()));
    }
    if (names.isEmpty() || kind.recognizes(out)) {
      return;
    }
    throw new UnsafeOutputException(
        "output directory "
            + out
            + " is not empty (it holds "
            + String.join(", ", names.subList(0, Math.min(3, names.size())))
            + (names.size() > 3 ? ", ..." : "")
            + ") and is not a "
            + kind.description()
            + " that movierec wrote, so it is left as it is: choose a new or empty directory,"
            + " or remove "
            + out
            + " yourself if you mean to replace it");
  }

  /**
   * Checks that {@code out} and {@code input} are apart: neither is the other nor inside it,
   * comparing their real paths (for a path that does not exist yet, its nearest existing ancestor's
   * real path and the names below it).
   *
   * @param inputRole what the input is called in the message, e.g. "--data"
   * @throws UnsafeOutputException naming both paths if they overlap
   */
  public static void checkApart(Path out, Path input, String inputRole) throws IOException {
    Path o = realPath(out);
    Path i = realPath(input);
    String problem =
        o.equals(i)
            ? "is the same directory as"
            : o.startsWith(i) ? "is inside" : i.startsWith(o) ? "contains" : null;
    if (problem != null) {
      throw new UnsafeOutputException(
          "output directory "
              + out
              + " "
              + problem
              + " the "
              + inputRole
              + " directory "
              + input
              + (o.equals(out.toAbsolutePath().normalize())
                      && i.equals(input.toAbsolutePath().normalize())
                  ? ""
                  : " (real paths " + o + " and " + i + ")")
              + ": writing it could destroy its input; choose an output directory outside "
              + input);
    }
  }

  /**
   * Checks {@code out} with {@link #check}, then creates it and writes the {@value #MARKER} naming
   * {@code kind}, so that the next run recognises it (for kinds that have no file of their own).
   */
  public static void claim(Path out, Kind kind) throws IOException {
    check(out, kind);
    Files.createDirectories(out);
    Path marker = out.resolve(MARKER);
    if (!Files.exists(marker)) {
      AtomicFiles.write(
          marker, s -> s.write(("kind=" + kind.id() + "\n").getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** The real path of {@code p}, or of its nearest existing ancestor with the rest appended. */
  static Path realPath(Path p) throws IOException {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
  }
}
