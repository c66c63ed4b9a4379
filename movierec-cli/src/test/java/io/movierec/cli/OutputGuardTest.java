package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.synthetic.SyntheticMovieLens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes a directory refuses one that holds something else, or that overlaps its
 * input, with the usage error's exit code and a message naming the paths; nothing is touched.
 */
class OutputGuardTest {

  @TempDir static Path root;
  @TempDir Path dir;
  private static Path raw;
  private String err;

  @BeforeAll
  static void writeData() throws IOException {
    raw = root.resolve("raw");
    SyntheticMovieLens.newBuilder()
        .withUsers(60)
        .withMovies(80)
        .withRatings(1500)
        .withSeed(3)
        .build()
        .writeTo(raw);
  }

  private int run(String... argv) {
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        Main.run(
            argv,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  private static String listing(Path d) throws IOException {
    try (Stream<Path> s = Files.walk(d)) {
      return s.map(p -> d.relativize(p) + (Files.isRegularFile(p) ? ":" + size(p) : ""))
          .sorted()
          .toList()
          .toString();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Path foreignDirectory() throws IOException {
    Path d = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(d.resolve("thesis.tex"), "years of work");
    return d;
  }

  @Test
  void prepareRefusesANonEmptyDirectoryThatIsNotAPreparedDataSet() throws IOException {
    Path out = foreignDirectory();
    assertThat(run("prepare", "--data", raw.toString(), "--out", out.toString())).isEqualTo(2);
    assertThat(err).contains(out.toString()).contains("thesis.tex").contains("remove");
    assertThat(Files.readString(out.resolve("thesis.tex"))).isEqualTo("years of work");
  }

  @Test
  void prepareRefusesAnOutputThatIsItsDataAndLeavesTheDataAsItWas() throws IOException {
    String before = listing(raw);
    assertThat(run("prepare", "--data", raw.toString(), "--out", raw.toString())).isEqualTo(2);
    assertThat(err).contains("same directory as the --data directory " + raw);
    assertThat(listing(raw)).isEqualTo(before);
  }

  @Test
  void prepareRefusesAnOutputInsideItsData() throws IOException {
    String before = listing(raw);
    Path out = raw.resolve("prepared");
    assertThat(run("prepare", "--data", raw.toString(), "--out", out.toString())).isEqualTo(2);
    assertThat(err).contains(out + " is inside the --data directory " + raw);
    assertThat(listing(raw)).isEqualTo(before);
  }

  @Test
  void prepareRefusesAnOutputThatLinksToItsData() throws IOException {
    String before = listing(raw);
    Path link = Files.createSymbolicLink(dir.resolve("link"), raw);
    assertThat(run("prepare", "--data", raw.toString(), "--out", link.toString())).isEqualTo(2);
    assertThat(err).contains(link.toString()).contains(raw.toString());
    assertThat(listing(raw)).isEqualTo(before);
  }

  @Test
  void prepareReplacesAnEarlierPreparedDataSetLeavingNoTemporaries() throws IOException {
    Path out = dir.resolve("prepared");
    assertThat(run("prepare", "--data", raw.toString(), "--out", out.toString())).isZero();
    assertThat(run("prepare", "--data", raw.toString(), "--out", out.toString(), "--seed", "9"))
        .isZero();
    assertThat(Files.readString(out.resolve("dataset.properties"))).contains("seed=9");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("prepared");
    }
  }

  @Test
  void trainRefusesASaveDirectoryThatHoldsSomethingElse() throws IOException {
    Path data = dir.resolve("prepared");
    assertThat(run("prepare", "--data", raw.toString(), "--out", data.toString())).isZero();
    Path save = foreignDirectory();
    assertThat(
            run(
                "train",
                "--model",
                "rank",
                "--data",
                data.resolve("train").toString(),
                "--save",
                save.toString()))
        .isEqualTo(2);
    assertThat(err).contains(save.toString()).contains("training output directory");
    assertThat(listing(save)).isEqualTo("[, thesis.tex:13]");
  }

  @Test
  void trainRefusesASaveDirectoryInsideThePreparedData() throws IOException {
    Path data = dir.resolve("prepared");
    assertThat(run("prepare", "--data", raw.toString(), "--out", data.toString())).isZero();
    Path save = data.resolve("model");
    assertThat(
            run(
                "train",
                "--model",
                "rank",
                "--data",
                data.resolve("train").toString(),
                "--save",
                save.toString()))
        .isEqualTo(2);
    assertThat(err).contains(save + " is inside");
    assertThat(save).doesNotExist();
  }

  @Test
  void bundleRefusesANonEmptyOutputThatIsNotABundle() throws IOException {
    Path out = foreignDirectory();
    assertThat(
            run(
                "bundle",
                "--data",
                raw.toString(),
                "--recall",
                dir.resolve("recall").toString(),
                "--out",
                out.toString()))
        .isEqualTo(2);
    assertThat(err).contains(out.toString()).contains("recommender bundle");
    assertThat(listing(out)).isEqualTo("[, thesis.tex:13]");
  }

  @Test
  void bundleRefusesAnOutputInsideItsData() throws IOException {
    Path out = raw.resolve("bundle");
    assertThat(
            run(
                "bundle",
                "--data",
                raw.toString(),
                "--recall",
                dir.resolve("recall").toString(),
                "--out",
                out.toString()))
        .isEqualTo(2);
    assertThat(err).contains(out + " is inside the --data directory");
    assertThat(out).doesNotExist();
  }

  @Test
  void quickstartRefusesANonEmptyDirectoryThatIsNotAQuickstart() throws IOException {
    Path out = foreignDirectory();
    assertThat(run("quickstart", "--dir", out.toString())).isEqualTo(2);
    assertThat(err).contains(out.toString()).contains("quickstart directory");
    assertThat(listing(out)).isEqualTo("[, thesis.tex:13]");
  }
}
