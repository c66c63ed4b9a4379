package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

  private static Args args(String... argv) {
    return new Args(argv, Set.of("lr", "fc"), Set.of());
  }

  @Test
  void readsADecimalAndAListOfIntegers() {
    Args a = args("--lr", "0.003", "--fc", "64, 32");
    assertThat(a.decimal("lr", 1f)).isEqualTo(0.003f);
    assertThat(a.integers("fc", List.of())).containsExactly(64, 32);
  }

  @Test
  void namesTheOptionAndValueOfAMalformedDecimal() {
    assertThatThrownBy(() -> args("--lr", "fast").decimal("lr", 1f))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--lr")
        .hasMessageContaining("'fast'");
  }

  @Test
  void namesTheOptionAndValueOfAMalformedIntegerList() {
    assertThatThrownBy(() -> args("--fc", "64,x").integers("fc", List.of()))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--fc")
        .hasMessageContaining("'64,x'");
  }
}
