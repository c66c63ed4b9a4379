package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

class DevicesTest {

  @Test
  void refusesUseGpuClearlyWhereNoGpuIsVisible() {
    assumeFalse(Devices.gpuAvailable(), "a GPU is visible here; nothing to refuse");
    assertThatThrownBy(
            () ->
                DnnRanker.newBuilder(TinyData.ENCODER)
                    .withRuntime(RuntimeOptions.TRAINING.withGpu(true))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("use_gpu is set but TensorFlow sees no GPU")
        .hasMessageContaining("-Pgpu");
  }
}
