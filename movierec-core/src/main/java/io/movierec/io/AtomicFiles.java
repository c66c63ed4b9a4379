package io.movierec.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes that never leave a half-written file or directory behind, and never delete what they
 * replace before its replacement is in place.
 *
 * <p>A file goes to a temporary file in the same directory, is forced to disk, and is renamed onto
 * the target in one atomic step. A directory ({@link #writeDirectory}) is filled as a temporary
 * sibling, forced to disk, and replaces an existing target by <em>rename-aside</em>: the old
 * directory is renamed to a hidden sibling, the new one renamed into place, and only then is the
 * old one deleted. A crash at any step leaves the old directory or the new one complete; if it
 * struck between the two renames, the next write or {@link #recoverDirectory read} of the target
 * renames the old one back.
 *
 * <p>Temporaries are named {@code .NAME.tmp-PID-START-RANDOM} and set-aside directories {@code
 * .NAME.old-PID-START-RANDOM}, where PID and START (milliseconds since the epoch) identify the
 * writing process. Each directory write cleans such entries of its parent directory whose writer is
 * no longer running ({@link #cleanStale}), so the leftovers of killed saves do not pile up, while a
 * concurrent writer's temporaries (its process alive) are left alone. Temporaries of older movierec
 * versions ({@code .NAME.tmp-UUID}) are cleaned when older than this process.
 */
public final class AtomicFiles {

  /** What our temporaries and set-aside directories are called: name, role, pid, start, random. */
  private static final Pattern OURS =
      Pattern.compile("\\.(.+)\\.(tmp|old)-(\\d+)-(\\d+)-[0-9a-f]{8}");

  /** Temporaries written before the writer's process was part of the name. */
  private static final Pattern LEGACY =
      Pattern.compile("\\..+\\.tmp-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final long PID = ProcessHandle.current().pid();
  private static final long START =
      ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);

  private AtomicFiles() {}

  /**
   * Writes {@code target} atomically.
   *
   * @param target the file to create or replace
   * @param writer writes the content; the stream is buffered and closed for it
   */
  public static void write(Path target, IoConsumer<OutputStream> writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = sibling(dir, target, "tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        writer.accept(out);
      }
      force(tmp);
      move(tmp, target);
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Creates or replaces the directory {@code target} atomically: {@code writer} fills a temporary
   * sibling directory, whose files are then forced to disk; an existing {@code target} is renamed
   * aside, the new directory renamed into place, and the old one deleted. A crash leaves the old
   * directory or the new one (the old one, set aside, is renamed back by the next write or {@link
   * #recoverDirectory}); never neither, never a mix.
   *
   * <p>An existing {@code target} is replaced only if it is empty or an output of {@code kind}
   * ({@link OutputDirectory#check}); anything else is refused before {@code writer} runs.
   *
   * @throws UnsafeOutputException if {@code target} holds something other than a {@code kind}
   */
  public static void writeDirectory(Path target, OutputDirectory.Kind kind, IoConsumer<Path> writer)
      throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    recoverDirectory(target);
    cleanStale(parent);
    OutputDirectory.check(target, kind);
    Path tmp = sibling(parent, target, "tmp");
    Path aside = null;
    Files.createDirectory(tmp);
    try {
      writer.accept(tmp);
      try (Stream<Path> files = Files.walk(tmp)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(p)) {
            force(p);
          }
        }
      }
      FailPoints.reach("directory.written");
      if (Files.exists(target)) {
        aside = sibling(parent, target, "old");
        move(target, aside);
        FailPoints.reach("directory.moved-aside");
      }
      move(tmp, target);
      forceDirectory(parent);
      FailPoints.reach("directory.renamed");
    } finally {
      if (aside != null && !Files.exists(target) && Files.exists(aside)) {
        move(aside, target);
      }
      if (Files.exists(tmp)) {
        deleteRecursively(tmp);
      }
    }
    if (aside != null) {
      deleteRecursively(aside);
    }
  }

  /**
   * Restores a directory whose replacement was interrupted between its two renames: if {@code
   * target} does not exist but a set-aside copy of it does, left by a process no longer running,
   * renames the newest such copy back. Readers of directories written by {@link #writeDirectory}
   * call this before reading; it does nothing otherwise.
   *
   * @return whether a set-aside copy was restored
   */
  public static boolean recoverDirectory(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path parent = abs.getParent();
    if (Files.exists(abs) || parent == null || !Files.isDirectory(parent)) {
      return false;
    }
    String name = abs.getFileName().toString();
    Path newest = null;
    FileTime newestTime = null;
    for (Path p : list(parent)) {
      Matcher m = OURS.matcher(p.getFileName().toString());
      if (m.matches()
          && m.group(1).equals(name)
          && m.group(2).equals("old")
          && !running(m)
          && Files.isDirectory(p)) {
        FileTime t = Files.getLastModifiedTime(p);
        if (newest == null || t.compareTo(newestTime) > 0) {
          newest = p;
          newestTime = t;
        }
      }
    }
    if (newest == null) {
      return false;
    }
    move(newest, abs);
    forceDirectory(parent);
    return true;
  }

  /**
   * Deletes the temporaries and set-aside directories in {@code parent} that killed writes left:
   * entries named as this class names them whose writing process is no longer running (a set-aside
   * directory whose target is missing is first renamed back), and temporaries of older versions
   * last modified before this process started. Entries of running writers are left alone.
   *
   * @return the entries deleted
   */
  public static List<Path> cleanStale(Path parent) throws IOException {
    List<Path> deleted = new ArrayList<>();
    if (!Files.isDirectory(parent)) {
      return deleted;
    }
    for (Path p : list(parent)) {
      String name = p.getFileName().toString();
      Matcher m = OURS.matcher(name);
      boolean stale;
      if (m.matches()) {
        if (running(m)) {
          continue;
        }
        if (m.group(2).equals("old") && recoverDirectory(parent.resolve(m.group(1)))) {
          continue;
        }
        stale = true;
      } else {
        stale = LEGACY.matcher(name).matches() && Files.getLastModifiedTime(p).toMillis() < START;
      }
      if (stale && Files.exists(p)) {
        deleteRecursively(p);
        deleted.add(p);
      }
    }
    return deleted;
  }

  /** Deletes a file or a directory tree; does nothing if it does not exist. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A hidden sibling of {@code target} named for this process: {@code .NAME.ROLE-PID-START-R}. */
  private static Path sibling(Path dir, Path target, String role) {
    return dir.resolve(
        String.format(
            "." + target.getFileName() + ".%s-%d-%d-%08x",
            role,
            PID,
            START,
            ThreadLocalRandom.current().nextInt()));
  }

  /** Whether the process that named an entry {@link #OURS} is still running. */
  private static boolean running(Matcher m) {
    long pid = Long.parseLong(m.group(3));
    long start = Long.parseLong(m.group(4));
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return false;
    }
    // The same pid with another start time is a new process that reused the number.
    return h.get()
        .info()
        .startInstant()
        .map(s -> Math.abs(s.toEpochMilli() - start) < 1000)
        .orElse(true);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename atomically onto " + to + " on this file system", e);
    }
  }

  private static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // Not every file system lets a directory be opened; the rename itself is still atomic.
    }
  }
}
