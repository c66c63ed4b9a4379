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
    VersionedFile.write(
        f,
        "thing",
        3,
        out -> {
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
  void aFileTooLargeToReadWholeIsStreamedWithTheSameResult() throws IOException {
    Path f = write();
    String back =
        VersionedFile.read(
            f, "thing", 3, 3, (in, v) -> in.readInt() + in.readUTF() + in.available(), 0);
    assertThat(back).isEqualTo("42hello0");
  }

  @Test
  void aStreamedFileWithABitFlipIsRefused() throws IOException {
    Path f = write();
    byte[] b = Files.readAllBytes(f);
    b[b.length - 14] ^= 1;
    Files.write(f, b);
    assertThatThrownBy(() -> VersionedFile.read(f, "thing", 3, 3, (in, v) -> in.readInt(), 0))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void aPayloadReadFromMemoryReportsExactlyTheBytesLeft() throws IOException {
    Path f = write();
    int left = VersionedFile.read(f, "thing", 3, in -> in.readInt() * 0 + in.available());
    assertThat(left).isEqualTo(2 + "hello".length());
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
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("x.bin")
        .hasMessageContaining("thing format version 3 is too old")
        .hasMessageContaining("this movierec reads version 4");
  }

  @Test
  void refusesAVersionBelowTheRangeAsTooOld() throws IOException {
    Path f = write();
    assertThatThrownBy(() -> VersionedFile.read(f, "thing", 4, 6, (in, v) -> in.readInt()))
        .isInstanceOfSatisfying(
            UnsupportedVersionException.class,
            e -> {
              assertThat(e.isTooOld()).isTrue();
              assertThat(e.isTooNew()).isFalse();
              assertThat(e.file()).isEqualTo(f);
              assertThat(e.kind()).isEqualTo("thing");
              assertThat(e.version()).isEqualTo(3);
              assertThat(e.minVersion()).isEqualTo(4);
              assertThat(e.maxVersion()).isEqualTo(6);
            })
        .hasMessageContaining(f.toString())
        .hasMessageContaining("thing format version 3 is too old")
        .hasMessageContaining("versions 4 to 6")
        .hasMessageContaining("oldest supported is 4")
        .hasMessageContaining("re-create the file with this movierec");
  }

  @Test
  void refusesAVersionAboveTheRangeAsTooNew() throws IOException {
    Path f = write();
    assertThatThrownBy(() -> VersionedFile.read(f, "thing", 1, 2, (in, v) -> in.readInt()))
        .isInstanceOfSatisfying(
            UnsupportedVersionException.class, e -> assertThat(e.isTooNew()).isTrue())
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("thing format version 3 is too new")
        .hasMessageContaining("written by a newer movierec")
        .hasMessageContaining("versions 1 to 2")
        .hasMessageContaining("upgrade movierec");
  }

  @Test
  void readsAnOlderVersionInTheRangeAndTellsTheReaderWhichItIs() throws IOException {
    // Version 3 wrote an int and a string; a version-4 reader still reads it and defaults the
    // field that version 4 added.
    Path f = write();
    String back =
        VersionedFile.read(
            f,
            "thing",
            2,
            4,
            (in, v) -> {
              int n = in.readInt();
              String s = in.readUTF();
              String added = v >= 4 ? in.readUTF() : "none";
              return v + ":" + n + s + ":" + added;
            });
    assertThat(back).isEqualTo("3:42hello:none");
  }

  @Test
  void refusesAnEmptyRange() throws IOException {
    Path f = write();
    assertThatThrownBy(() -> VersionedFile.read(f, "thing", 4, 3, (in, v) -> 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheHeaderOfAnyKindAndVersion() throws IOException {
    Path f = write();
    VersionedFile.Header h = VersionedFile.readHeader(f);
    assertThat(h.kind()).isEqualTo("thing");
    assertThat(h.version()).isEqualTo(3);
    assertThat(h.bytes()).isEqualTo(Files.size(f));
  }

  @Test
  void refusesTheHeaderOfAForeignFile() throws IOException {
    Path f = dir.resolve("foreign.txt");
    Files.writeString(f, "just some text that is long enough");
    assertThatThrownBy(() -> VersionedFile.readHeader(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("foreign.txt");
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

  private static final OutputDirectory.Kind KIND = OutputDirectory.Kind.of("test", "test", "a");

  @Test
  void replacesADirectoryWholeOrNotAtAll() throws IOException {
    Path target = dir.resolve("d");
    AtomicFiles.writeDirectory(target, KIND, tmp -> Files.writeString(tmp.resolve("a"), "1"));
    assertThatThrownBy(
            () ->
                AtomicFiles.writeDirectory(
                    target,
                    KIND,
                    tmp -> {
                      Files.writeString(tmp.resolve("a"), "2");
                      throw new IOException("disk full");
                    }))
        .hasMessageContaining("disk full");
    assertThat(Files.readString(target.resolve("a"))).isEqualTo("1");
    try (var files = Files.list(dir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("d");
    }
  }
}
