package io.movierec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MovierecVersionTest {

  @Test
  void isTheProjectVersionBakedInAtBuildTime() {
    assertThat(MovierecVersion.get())
        .isNotEqualTo(MovierecVersion.UNKNOWN)
        .doesNotContain("${")
        .matches("\\d+\\.\\d+.*");
  }
}
