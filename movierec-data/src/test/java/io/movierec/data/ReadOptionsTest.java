package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOptionsTest {
  @TempDir Path dir;

  @Test
  void defaultsAreTheDocumentedConstants() {
    ReadOptions options = ReadOptions.defaults();

    assertThat(options.lenient()).isEqualTo(ReadOptions.DEFAULT_LENIENT).isFalse();
    assertThat(options.maxProblemsKept()).isEqualTo(ReadOptions.DEFAULT_MAX_PROBLEMS_KEPT);
    assertThat(options.ratingsRequired()).isEqualTo(ReadOptions.DEFAULT_RATINGS_REQUIRED);
    assertThat(options.charset()).isEmpty();
    assertThat(options.format()).isEmpty();
  }

  @Test
  void rejectsANegativeNumberOfProblemsKept() {
    assertThatThrownBy(() -> ReadOptions.newBuilder().withMaxProblemsKept(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void rejectsUtf16AsACharset() {
    assertThatThrownBy(() -> ReadOptions.newBuilder().withCharset(StandardCharsets.UTF_16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UTF-16");
  }

  @Test
  void readsWithTheCharsetItOverrides() throws Exception {
    Fixtures.ml1m(dir);
    Fixtures.write(
        dir, "movies.dat", "1::Le Café Inventé (1994)::Drama\n".getBytes(StandardCharsets.UTF_8));
    ReadOptions utf8 = ReadOptions.newBuilder().withCharset(StandardCharsets.UTF_8).build();

    MovieLensDataset data = MovieLensDataset.open(dir, utf8);

    assertThat(data.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(data.movies().get(1).title()).isEqualTo("Le Café Inventé (1994)");
  }

  @Test
  void acceptsAOneByteCharset() {
    Charset windows1252 = Charset.forName("windows-1252");

    assertThat(ReadOptions.newBuilder().withCharset(windows1252).build().charset())
        .contains(windows1252);
  }
}
