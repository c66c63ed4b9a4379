package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

class SessionStartTest {

  @TempDir Path dir;

  @Test
  void aSessionThatFailsToRestoreLetsItsGraphClose() {
    Graph graph = new Graph();
    Ops tf = Ops.create(graph);
    tf.withName("v").variable(tf.constant(new float[] {1f, 2f}));
    String missing = dir.resolve("no-such-checkpoint/ckpt").toString();

    assertThatThrownBy(
            () -> SlotModel.openSession(graph, ConfigProto.getDefaultInstance(), missing))
        .isInstanceOf(RuntimeException.class);
    assertTimeoutPreemptively(Duration.ofSeconds(30), graph::close);
  }
}
