package io.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupTest {

  @Test
  void escapesTheFiveMarkupCharacters() {
    assertThat(Markup.escape("<a href=\"x\">Tom & Jerry's</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  }

  @Test
  void replacesCharactersXmlCannotHold() {
    assertThat(Markup.escape("a\u0000b\u001bc\ud800d")).isEqualTo("a\ufffdb\ufffdc\ufffdd");
  }

  @Test
  void keepsTabsNewlinesAndSurrogatePairs() {
    assertThat(Markup.escape("a\tb\nc\ud83c\udfac")).isEqualTo("a\tb\nc\ud83c\udfac");
  }
}
