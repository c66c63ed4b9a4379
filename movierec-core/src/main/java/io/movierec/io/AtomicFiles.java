package io.movierec.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes that never leave a half-written file behind: the content goes to a temporary file in the
 * same directory, is forced to disk, and is then renamed onto the target in one atomic step. A
 * crash at any point leaves either the old file or the new one, never a mix.
 */
public final class AtomicFiles {

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
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
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
   * Creates the directory {@code target} atomically: {@code writer} fills a temporary sibling
   * directory, whose files are then forced to disk and which is renamed onto {@code target}. An
   * existing {@code target} is replaced; a crash during the replacement can leave neither, so use
   * this for directories that are written once (such as one epoch of a model), and a manifest file
   * written with {@link #write} as the pointer where an old version must survive.
   */
  public static void writeDirectory(Path target, IoConsumer<Path> writer) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
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
      if (Files.exists(target)) {
        deleteRecursively(target);
      }
      move(tmp, target);
      forceDirectory(parent);
    } finally {
      if (Files.exists(tmp)) {
        deleteRecursively(tmp);
      }
    }
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
