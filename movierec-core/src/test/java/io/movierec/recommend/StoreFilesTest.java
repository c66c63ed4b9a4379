package io.movierec.recommend;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.io.CorruptFileException;
import io.movierec.io.IoConsumer;
import io.movierec.io.VersionedFile;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made store files with a valid checksum but lying length fields: the readers check every
 * count against the bytes left before they allocate, and refuse them as corrupt.
 */
class StoreFilesTest {

  @TempDir Path dir;

  private Path users(IoConsumer<DataOutputStream> payload) throws IOException {
    Path f = dir.resolve("users.bin");
    VersionedFile.write(f, UserStore.FILE_KIND, UserStore.FILE_VERSION, payload);
    return f;
  }

  private Path movies(IoConsumer<DataOutputStream> payload) throws IOException {
    Path f = dir.resolve("movies.bin");
    VersionedFile.write(f, MovieStore.FILE_KIND, MovieStore.FILE_VERSION, payload);
    return f;
  }

  /** One user without a profile, with {@code historyLength} declared and nothing after it. */
  private Path userDeclaringHistory(int historyLength) throws IOException {
    return users(
        out -> {
          out.writeInt(1);
          out.writeInt(7);
          out.writeBoolean(false);
          out.writeUTF("");
          out.writeInt(historyLength);
        });
  }

  @Test
  void aUsersFileDeclaringAHugeHistoryIsRefusedBeforeAllocatingIt() throws IOException {
    Path f = userDeclaringHistory(Integer.MAX_VALUE);
    assertThatThrownBy(() -> UserStore.load(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("users.bin")
        .hasMessageContaining("declares 2147483647 history entries of user 7")
        .hasMessageContaining("0 bytes are left");
  }

  @Test
  void aUsersFileDeclaringANegativeHistoryIsRefused() throws IOException {
    Path f = userDeclaringHistory(-1);
    assertThatThrownBy(() -> UserStore.load(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("declares -1 history entries");
  }

  @Test
  void aUsersFileDeclaringMoreUsersThanItsBytesCanHoldIsRefused() throws IOException {
    Path f = users(out -> out.writeInt(500_000_000));
    assertThatThrownBy(() -> UserStore.load(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("declares 500000000 users");
  }

  @Test
  void aUsersFileWithAnUnknownGenderCodeIsRefusedAsCorrupt() throws IOException {
    Path f =
        users(
            out -> {
              out.writeInt(1);
              out.writeInt(7);
              out.writeBoolean(true);
              out.writeUTF("X");
              out.writeInt(25);
              out.writeInt(4);
              out.writeUTF("");
              out.writeInt(0);
            });
    assertThatThrownBy(() -> UserStore.load(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("user 7")
        .hasMessageContaining("gender code 'X'");
  }

  @Test
  void aMoviesFileDeclaringAHugeCountIsRefused() throws IOException {
    Path f = movies(out -> out.writeInt(Integer.MAX_VALUE));
    assertThatThrownBy(() -> MovieStore.load(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("movies.bin")
        .hasMessageContaining("declares 2147483647 movies");
  }

  @Test
  void aMoviesFileDeclaringANegativeGenreCountIsRefused() throws IOException {
    Path f =
        movies(
            out -> {
              out.writeInt(1);
              out.writeInt(3);
              out.writeUTF("A (1995)");
              out.writeInt(1995);
              out.writeByte(-2);
            });
    assertThatThrownBy(() -> MovieStore.load(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("movie 3 declares -2 genres");
  }

  @Test
  void aMoviesFileWithATitleOverTheCapIsRefusedAsCorrupt() throws IOException {
    Path f =
        movies(
            out -> {
              out.writeInt(1);
              out.writeInt(3);
              out.writeUTF("x".repeat(5_000));
              out.writeInt(0);
              out.writeByte(0);
            });
    assertThatThrownBy(() -> MovieStore.load(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("5000 characters");
  }
}
