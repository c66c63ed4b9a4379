package io.movierec.models;

import io.movierec.io.AtomicFiles;
import io.movierec.io.CorruptFileException;
import io.movierec.io.OutputDirectory;
import io.movierec.io.UnsupportedVersionException;
import io.movierec.io.VersionedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The layout of a saved model directory:
 *
 * <pre>
 *   model.properties         kind, format version, layout (full or serving), schema, hasher,
 *                            hyper-parameters
 *   variables/variables.*    full layout: the TensorFlow checkpoint (weights and optimiser state)
 *   trained-rows.bin         full layout: which embedding rows training looked up
 *   inference-weights.bin    serving layout: the trained rows and dense layers ({@link
 *                            InferenceWeights})
 *   provenance.properties    training settings, data and versions ({@link Provenance}; optional)
 *   MANIFEST                 every other file with its size and CRC-32C (a {@link VersionedFile})
 * </pre>
 *
 * The directory is written atomically; reading verifies the manifest and every file first. The
 * manifest's and {@code model.properties}' format versions must lie in {@link
 * SlotModel#OLDEST_FORMAT_VERSION}..{@link SlotModel#FORMAT_VERSION}.
 */
final class SavedModelFiles {

  static final String PROPERTIES = "model.properties";
  static final String MANIFEST = "MANIFEST";
  static final String CHECKPOINT = "variables/variables";
  private static final String MANIFEST_KIND = "model-manifest";
  private static final String MODEL_KIND = "saved model";

  /** A directory a model save may replace: an earlier saved model. */
  static final OutputDirectory.Kind OUTPUT_KIND =
      OutputDirectory.Kind.of("saved-model", "saved model", MANIFEST, PROPERTIES);

  private SavedModelFiles() {}

  /** Writes the model's own files (the checkpoint and any others) into a directory. */
  interface ContentWriter {
    void write(Path directory, String checkpointPrefix) throws IOException;
  }

  static void write(Path directory, Properties properties, ContentWriter content)
      throws IOException {
    AtomicFiles.writeDirectory(
        directory,
        OUTPUT_KIND,
        tmp -> {
          Files.createDirectories(tmp.resolve("variables"));
          content.write(tmp, tmp.resolve(CHECKPOINT).toString());
          try (OutputStream out = Files.newOutputStream(tmp.resolve(PROPERTIES))) {
            properties.store(out, "movierec model");
          }
          List<Entry> entries = new ArrayList<>();
          try (Stream<Path> walk = Files.walk(tmp)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
              entries.add(
                  new Entry(
                      tmp.relativize(f).toString().replace('\\', '/'), Files.size(f), crc(f)));
            }
          }
          VersionedFile.write(
              tmp.resolve(MANIFEST),
              MANIFEST_KIND,
              SlotModel.FORMAT_VERSION,
              out -> {
                out.writeInt(entries.size());
                for (Entry e : entries) {
                  out.writeUTF(e.path);
                  out.writeLong(e.size);
                  out.writeInt(e.crc);
                }
              });
        });
  }

  /** Verifies every file of {@code directory} against its manifest and returns the properties. */
  static Properties read(Path directory) throws IOException {
    AtomicFiles.recoverDirectory(directory);
    if (!Files.isDirectory(directory)) {
      throw new NoSuchFileException(directory.toString(), null, "no saved model directory");
    }
    Path manifest = directory.resolve(MANIFEST);
    if (!Files.exists(manifest)) {
      throw new CorruptFileException(
          manifest, "missing: " + directory + " is not a complete saved model");
    }
    List<Entry> entries =
        VersionedFile.read(
            manifest,
            MANIFEST_KIND,
            SlotModel.OLDEST_FORMAT_VERSION,
            SlotModel.FORMAT_VERSION,
            (in, version) -> {
              // path length, size, checksum: 14 bytes at least per entry
              int n = VersionedFile.checkCount(manifest, in, in.readInt(), 14, "entries");
              List<Entry> list = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                list.add(new Entry(in.readUTF(), in.readLong(), in.readInt()));
              }
              return list;
            });
    Path root = directory.toAbsolutePath().normalize();
    for (Entry e : entries) {
      Path f = inside(root, e.path);
      if (f == null) {
        throw new CorruptFileException(
            manifest, "lists '" + e.path + "', which is not a file inside " + directory);
      }
      if (!Files.isRegularFile(f)) {
        throw new CorruptFileException(f, "missing (listed in the manifest)");
      }
      long size = Files.size(f);
      if (size != e.size) {
        throw new CorruptFileException(f, "size " + size + " bytes, the manifest says " + e.size);
      }
      if (crc(f) != e.crc) {
        throw new CorruptFileException(f, "checksum mismatch: the file is corrupted");
      }
    }
    Properties p = new Properties();
    Path properties = directory.resolve(PROPERTIES);
    try (Reader r = Files.newBufferedReader(properties, StandardCharsets.ISO_8859_1)) {
      p.load(r);
    } catch (IllegalArgumentException e) {
      throw new CorruptFileException(properties, "not a properties file: " + e.getMessage());
    }
    String version = p.getProperty("format_version");
    if (version == null) {
      throw new CorruptFileException(properties, "no format_version");
    }
    try {
      UnsupportedVersionException.check(
          properties,
          MODEL_KIND,
          Integer.parseInt(version.trim()),
          SlotModel.OLDEST_FORMAT_VERSION,
          SlotModel.FORMAT_VERSION);
    } catch (NumberFormatException e) {
      throw new CorruptFileException(properties, "format_version is not a number: " + version);
    }
    return p;
  }

  /** How many files a saved model directory holds and their total size. */
  record Size(long files, long bytes) {}

  static Size size(Path directory) throws IOException {
    long files = 0;
    long bytes = 0;
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files++;
        bytes += Files.size(f);
      }
    }
    return new Size(files, bytes);
  }

  static String checkpointPrefix(Path directory) {
    return directory.resolve(CHECKPOINT).toString();
  }

  /** {@code root/path} if {@code path} names a file strictly inside {@code root}, else null. */
  private static @Nullable Path inside(Path root, String path) {
    try {
      Path f = root.resolve(path).normalize();
      return !path.isEmpty() && f.startsWith(root) && !f.equals(root) ? f : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static int crc(Path f) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(f)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
      }
    }
    return (int) crc.getValue();
  }

  private record Entry(String path, long size, int crc) {}
}
