package io.movierec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

  private static final OutputDirectory.Kind KIND =
      OutputDirectory.Kind.of("things", "thing directory", "THING");

  @TempDir Path dir;

  @Test
  void acceptsANewAnEmptyOrAnEarlierOutputOfTheSameKind() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    Files.createDirectories(dir.resolve("earlier"));
    Files.writeString(dir.resolve("earlier/THING"), "x");
    assertThatCode(() -> OutputDirectory.check(dir.resolve("new"), KIND))
        .doesNotThrowAnyException();
    assertThatCode(() -> OutputDirectory.check(dir.resolve("empty"), KIND))
        .doesNotThrowAnyException();
    assertThatCode(() -> OutputDirectory.check(dir.resolve("earlier"), KIND))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesANonEmptyDirectoryOfAnotherKindSayingHowToProceed() throws IOException {
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> OutputDirectory.check(other, KIND))
        .isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining(other.toString())
        .hasMessageContaining("notes.txt")
        .hasMessageContaining("thing directory")
        .hasMessageContaining("choose a new or empty directory");
  }

  @Test
  void aClaimedDirectoryIsRecognisedByItsMarker() throws IOException {
    OutputDirectory.Kind unmarked = OutputDirectory.Kind.of("run", "run directory");
    Path out = dir.resolve("run");
    OutputDirectory.claim(out, unmarked);
    Files.writeString(out.resolve("result"), "x");
    assertThatCode(() -> OutputDirectory.claim(out, unmarked)).doesNotThrowAnyException();
    assertThatThrownBy(() -> OutputDirectory.check(out, KIND))
        .isInstanceOf(UnsafeOutputException.class);
  }

  @Test
  void refusesAnOutputThatIsItsInput() {
    assertThatThrownBy(() -> OutputDirectory.checkApart(dir, dir, "--data"))
        .isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining("is the same directory as the --data directory " + dir);
  }

  @Test
  void refusesAnOutputInsideItsInputAndAnInputInsideItsOutput() {
    Path inside = dir.resolve("a/../out");
    assertThatThrownBy(() -> OutputDirectory.checkApart(inside, dir, "--data"))
        .isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining("is inside");
    assertThatThrownBy(() -> OutputDirectory.checkApart(dir, dir.resolve("raw"), "--data"))
        .isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining("contains");
  }

  @Test
  void seesThroughASymbolicLinkToTheInput() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), data);
    assertThatThrownBy(() -> OutputDirectory.checkApart(link, data, "--data"))
        .isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining("real paths");
  }

  @Test
  void acceptsSiblings() {
    assertThatCode(
            () ->
                OutputDirectory.checkApart(dir.resolve("data-out"), dir.resolve("data"), "--data"))
        .doesNotThrowAnyException();
    assertThat(dir.resolve("data-out").startsWith(dir.resolve("data"))).isFalse();
  }
}
