package io.movierec.models;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** Which devices TensorFlow can use. */
public final class Devices {

  private Devices() {}

  /** True if TensorFlow can place an operation on a GPU in this process. */
  public static boolean gpuAvailable() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var probe =
          tf.withDevice(
                  DeviceSpec.newBuilder()
                      .deviceType(DeviceSpec.DeviceType.GPU)
                      .deviceIndex(0)
                      .build())
              .math
              .add(tf.constant(1f), tf.constant(1f));
      ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
      try (Session s = new Session(g, strict);
          var r = s.runner().fetch(probe).run()) {
        return r.size() == 1;
      }
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Fails unless a GPU is visible.
   *
   * @throws IllegalStateException explaining how to get one
   */
  static void requireGpu() {
    if (!gpuAvailable()) {
      throw new IllegalStateException(
          "use_gpu is set but TensorFlow sees no GPU: build with the gpu Maven profile "
              + "(-Pgpu, native classifier linux-x86_64-gpu), check that the NVIDIA driver is "
              + "visible (nvidia-smi), or set use_gpu to false");
    }
  }
}
