package io.movierec.recommend;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.io.CorruptFileException;
import io.movierec.io.IoFunction;
import io.movierec.io.UnsupportedVersionException;
import io.movierec.io.VersionedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds random and mutated files to the bundle manifest reader, the store readers and the {@link
 * VersionedFile} frame: bit flips, truncations, random bytes, and mutations whose checksum is
 * recomputed so that the parser itself meets them, with length fields set to huge and negative
 * values. Every input must end in a result or a typed exception ({@link CorruptFileException},
 * {@link UnsupportedVersionException}), never in an {@link OutOfMemoryError}, another runtime
 * exception or a hang. Seeded; a few seconds.
 */
class BinaryReadersFuzzTest {

  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final int ROUNDS = 60;

  @TempDir Path dir;

  private record Reader(String name, byte[] valid, IoFunction<Path, ?> read) {}

  private List<Reader> readers() throws IOException {
    Path movies = dir.resolve("valid-movies.bin");
    MovieStore.of(
            List.of(
                Movie.of(1, "Alpha (1995)", List.of(Genre.DRAMA, Genre.COMEDY)),
                Movie.of(2, "Beta", List.of()),
                Movie.of(30, "Gamma (2001)", List.of(Genre.WESTERN))))
        .save(movies);
    Path users = dir.resolve("valid-users.bin");
    UserStore.newBuilder()
        .addUser(User.of(1, Gender.FEMALE, AgeBucket.fromCode(25), Occupation.fromCode(3), "123"))
        .addUser(User.withoutProfile(2))
        .addRating(1, 1, 4f, 10)
        .addRating(1, 2, 3f, 20)
        .addRating(2, 30, 5f, 5)
        .build()
        .save(users);
    Path frame = dir.resolve("valid-frame.bin");
    VersionedFile.write(frame, "thing", 2, out -> out.writeUTF("payload"));
    Path manifest = dir.resolve("valid-manifest.bin");
    VersionedFile.write(
        manifest,
        Bundle.KIND,
        Bundle.VERSION,
        out -> {
          out.writeLong(7); // generation
          out.writeUTF("0f1e2d3c-0000-4000-8000-000000000001"); // bundle id
          out.writeInt(100); // candidates
          String[][] parts = {
            {"recall", "two-tower", "recall-7"},
            {"index", "exact", "index-7.bin"},
            {"movies", "", "movies-7.bin"},
            {"users", "", "users-7.bin"}
          };
          out.writeInt(parts.length);
          for (String[] p : parts) {
            out.writeUTF(p[0]);
            out.writeUTF(p[1]);
            out.writeUTF(p[2]);
            out.writeLong(1234);
            out.writeInt(0x5eed);
            out.writeInt(1);
            out.writeUTF("movies");
            out.writeUTF("3");
          }
        });
    return List.of(
        new Reader(
            "bundle manifest", Files.readAllBytes(manifest), BinaryReadersFuzzTest::describe),
        new Reader("movie store", Files.readAllBytes(movies), MovieStore::load),
        new Reader("user store", Files.readAllBytes(users), UserStore::load),
        new Reader(
            "frame",
            Files.readAllBytes(frame),
            f -> VersionedFile.read(f, "thing", 1, 2, (in, v) -> in.readUTF())),
        new Reader("frame header", Files.readAllBytes(frame), VersionedFile::readHeader));
  }

  @Test
  void randomBytesGiveOnlyTypedExceptions() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          Random random = new Random(16_001);
          for (Reader r : readers()) {
            for (int i = 0; i < ROUNDS; i++) {
              byte[] b = new byte[random.nextInt(200)];
              random.nextBytes(b);
              if (random.nextBoolean()) {
                b = reframe(b); // a valid trailer around random content
              }
              check(r, b);
            }
          }
        });
  }

  @Test
  void bitFlipsAndTruncationsGiveOnlyTypedExceptions() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          Random random = new Random(16_002);
          for (Reader r : readers()) {
            for (int i = 0; i < ROUNDS; i++) {
              byte[] b = r.valid().clone();
              if (random.nextBoolean()) {
                b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
              } else {
                b = Arrays.copyOf(b, random.nextInt(b.length));
              }
              check(r, b);
            }
          }
        });
  }

  @Test
  void mutationsWithARecomputedChecksumGiveOnlyTypedExceptions() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          Random random = new Random(16_003);
          for (Reader r : readers()) {
            byte[] content = content(r.valid());
            for (int i = 0; i < ROUNDS * 3; i++) {
              check(r, reframe(mutate(content, random)));
            }
          }
        });
  }

  /** One to three edits: flip bits, cut the end, or overwrite a 1, 2 or 4-byte field. */
  private static byte[] mutate(byte[] content, Random random) {
    byte[] b = content.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(4)) {
        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> b = Arrays.copyOf(b, at);
        case 2 -> {
          int[] lengths = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 0x7fff, 0xffff, 65_536};
          int v = lengths[random.nextInt(lengths.length)];
          if (at + 4 <= b.length) {
            ByteBuffer.wrap(b, at, 4).putInt(v);
          }
        }
        default -> {
          if (at + 2 <= b.length) {
            ByteBuffer.wrap(b, at, 2).putShort((short) (random.nextBoolean() ? 0xffff : 0x7fff));
          }
        }
      }
    }
    return b;
  }

  /** Reads {@code manifest} as the {@code BUNDLE} file of a bundle directory. */
  private static Object describe(Path manifest) throws IOException {
    Path bundle = manifest.resolveSibling("bundle");
    Files.createDirectories(bundle);
    Files.copy(manifest, bundle.resolve(Bundle.MANIFEST), StandardCopyOption.REPLACE_EXISTING);
    return Recommender.describeSaved(bundle);
  }

  private void check(Reader r, byte[] bytes) throws IOException {
    Path f = dir.resolve("fuzz.bin");
    Files.write(f, bytes);
    try {
      r.read().apply(f);
    } catch (CorruptFileException e) { // UnsupportedVersionException included
      String named = r.name().equals("bundle manifest") ? Bundle.MANIFEST : "fuzz.bin";
      if (!e.getMessage().contains(named)) {
        fail(r.name() + ": the message does not name the file: " + e.getMessage());
      }
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      fail(r.name() + " threw " + e + " on " + HexFormat.of().formatHex(bytes), e);
    }
  }

  /** A file's content: its bytes without the 12-byte trailer. */
  private static byte[] content(byte[] file) {
    return Arrays.copyOf(file, file.length - 12);
  }

  /** {@code content} with a valid trailer: its length and CRC-32C. */
  static byte[] reframe(byte[] content) {
    CRC32C crc = new CRC32C();
    crc.update(content);
    return ByteBuffer.allocate(content.length + 12)
        .put(content)
        .putLong(content.length)
        .putInt((int) crc.getValue())
        .array();
  }
}
