package io.movierec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionedFileTest {

  @TempDir Path dir;

  private Path write() throws IOException {
    Path f = dir.resolve("x.bin");
    VersionedFile.write(f, "thing", 3, out -> {
      out.writeInt(42);
      out.writeUTF("hello");
    });
    return f;
  }

  @Test
  void readsBackWhatItWrote() throws IOException {
    Path f = write();
    String back = VersionedFile.read(f, "thing", 3, in -> in.readInt() + in.readUTF());
    assertThat(back).isEqualTo("42hello");
  }

  @Test
  void leavesNoTemporaryFileBehind() throws IOException {
    write();
    try (var files = Files.list(dir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("x.bin");
    }
  }

  @Test
  void refusesATruncatedFile() throws IOException {
    Path f = write();
    byte[] b = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(b, b.length - 3));
    assertThatThrownBy(() -> VersionedFile.read(f, "thing", 3, in -> in.readInt()))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("x.bin")
        .hasMessageContaining("truncated");
  }

  @Test
  void refusesABitFlip() throws IOException {
    Path f = write();
    byte[] b = Files.readAllBytes(f);
    b[b.length / 2] ^= 0x40;
    Files.write(f, b);
    assertThatThrownBy(() -> VersionedFile.read(f, "thing", 3, in -> in.readInt()))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void refusesAnotherFormatVersionNamingBoth() throws IOException {
    Path f = write();
    assertThatThrownBy(() -> VersionedFile.read(f, "thing", 4, in -> in.readInt()))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("thing format version 3, this build reads version 4");
  }

  @Test
  void refusesAFileOfAnotherKind() throws IOException {
    Path f = write();
    assertThatThrownBy(() -> VersionedFile.read(f, "other", 3, in -> in.readInt()))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("holds a thing, expected a other");
  }

  @Test
  void reportsAMissingFile() {
    assertThatThrownBy(() -> VersionedFile.read(dir.resolve("nope"), "thing", 3, in -> 0))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void replacesADirectoryWholeOrNotAtAll() throws IOException {
    Path target = dir.resolve("d");
    AtomicFiles.writeDirectory(target, tmp -> Files.writeString(tmp.resolve("a"), "1"));
    assertThatThrownBy(() -> AtomicFiles.writeDirectory(target, tmp -> {
      Files.writeString(tmp.resolve("a"), "2");
      throw new IOException("disk full");
    })).hasMessageContaining("disk full");
    assertThat(Files.readString(target.resolve("a"))).isEqualTo("1");
    try (var files = Files.list(dir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("d");
    }
  }
}
