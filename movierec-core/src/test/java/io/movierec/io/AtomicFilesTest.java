package io.movierec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  private static final OutputDirectory.Kind KIND =
      OutputDirectory.Kind.of("test", "test output", "a");
  private static final long PID = ProcessHandle.current().pid();
  private static final long START =
      ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);

  @TempDir Path dir;

  private void write(Path target, String content) throws IOException {
    AtomicFiles.writeDirectory(target, KIND, tmp -> Files.writeString(tmp.resolve("a"), content));
  }

  private Stream<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList().stream();
    }
  }

  /** A set-aside copy of {@code target} as a writer killed between its two renames leaves it. */
  private Path deadWritersEntry(String target, String role) throws IOException {
    // Our own pid with another start time: a process that has ended (its number reused).
    Path p =
        dir.resolve(
            "." + target + "." + role + "-" + PID + "-" + (START - 86_400_000L) + "-0badc0de");
    Files.createDirectories(p);
    return p;
  }

  @Test
  void replacesAnExistingDirectoryAndLeavesNothingElseBehind() throws IOException {
    Path target = dir.resolve("d");
    write(target, "1");
    write(target, "2");
    assertThat(Files.readString(target.resolve("a"))).isEqualTo("2");
    assertThat(names()).containsExactly("d");
  }

  @Test
  void refusesToReplaceADirectoryThatIsNotOfItsKindAndLeavesItAsItWas() throws IOException {
    Path target = dir.resolve("d");
    Files.createDirectories(target);
    Files.writeString(target.resolve("thesis.tex"), "years of work");
    assertThatThrownBy(() -> write(target, "1"))
        .isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining(target.toString())
        .hasMessageContaining("thesis.tex")
        .hasMessageContaining("remove");
    assertThat(Files.readString(target.resolve("thesis.tex"))).isEqualTo("years of work");
    assertThat(names()).containsExactly("d");
  }

  @Test
  void restoresTheOldDirectoryWhenItsWriterDiedBetweenTheTwoRenames() throws IOException {
    Path aside = deadWritersEntry("d", "old");
    Files.writeString(aside.resolve("a"), "old");
    assertThat(AtomicFiles.recoverDirectory(dir.resolve("d"))).isTrue();
    assertThat(Files.readString(dir.resolve("d/a"))).isEqualTo("old");
    assertThat(names()).containsExactly("d");
  }

  @Test
  void theNextWriteRestoresAnInterruptedReplacementBeforeReplacingIt() throws IOException {
    Path aside = deadWritersEntry("d", "old");
    Files.writeString(aside.resolve("a"), "old");
    Path tmp = deadWritersEntry("d", "tmp");
    Files.writeString(tmp.resolve("a"), "half");
    write(dir.resolve("e"), "other");
    assertThat(Files.readString(dir.resolve("d/a"))).isEqualTo("old");
    assertThat(names()).containsExactlyInAnyOrder("d", "e");
  }

  @Test
  void cleansTheTemporariesOfDeadWritersButNotOfLiveOnesOrForeignFiles() throws IOException {
    deadWritersEntry("x", "tmp");
    Files.createFile(dir.resolve(".f.tmp-" + PID + "-" + (START - 86_400_000L) + "-12345678"));
    Path live = dir.resolve(".y.tmp-" + PID + "-" + START + "-12345678");
    Files.createDirectories(live);
    Path legacy = dir.resolve(".z.tmp-0f8fad5b-d9cb-469f-a165-70867728950e");
    Files.createDirectories(legacy);
    Files.setLastModifiedTime(legacy, FileTime.fromMillis(START - 86_400_000L));
    Files.createDirectories(dir.resolve(".mine.tmp-keep"));
    write(dir.resolve("d"), "1");
    assertThat(names())
        .containsExactlyInAnyOrder("d", live.getFileName().toString(), ".mine.tmp-keep");
  }

  @Test
  void aFailedWriteLeavesTheOldDirectoryAndNoTemporary() throws IOException {
    Path target = dir.resolve("d");
    write(target, "1");
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
    assertThat(names()).containsExactly("d");
  }
}
