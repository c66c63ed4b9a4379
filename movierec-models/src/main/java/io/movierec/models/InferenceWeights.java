package io.movierec.models;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights a model needs to infer and nothing more: the embedding rows training looked up (every
 * other row is read as padding at inference, so it is not kept), and every dense layer. No
 * optimiser state. The file of a model saved in the serving layout ({@link SlotModel#saveForServing
 * saveForServing}):
 *
 * <pre>
 *   VersionedFile "inference-weights" version 1:
 *   rows (int)  row ids (int × rows, strictly increasing, the first 0: the padding row)
 *   tensors (int), each: name (UTF)  kind (byte: 1 table, 0 dense)  values (int)  float × values
 * </pre>
 *
 * A table tensor holds one row per row id, in row-id order ({@code values = rows × width}); a dense
 * tensor holds the variable whole. Floats are big-endian IEEE 754.
 *
 * @param rowIds the kept embedding rows, strictly increasing, {@code rowIds[0] == 0}
 * @param tables each embedding table's kept rows by variable name, row-major
 * @param dense every other variable's values by name
 */
record InferenceWeights(int[] rowIds, Map<String, float[]> tables, Map<String, float[]> dense) {

  static final String FILE = "inference-weights.bin";
  private static final String KIND = "inference-weights";
  private static final int VERSION = 1;

  InferenceWeights {
    checkArgument(rowIds.length > 0 && rowIds[0] == 0, "the padding row 0 must be kept");
    for (int i = 1; i < rowIds.length; i++) {
      checkArgument(rowIds[i] > rowIds[i - 1], "row ids must be strictly increasing");
    }
    tables = new LinkedHashMap<>(tables);
    dense = new LinkedHashMap<>(dense);
  }

  /** How many embedding rows are kept. */
  int rows() {
    return rowIds.length;
  }

  /** Writes {@code dir/}{@value #FILE}. */
  void save(Path dir) throws IOException {
    VersionedFile.write(
        dir.resolve(FILE),
        KIND,
        VERSION,
        out -> {
          out.writeInt(rowIds.length);
          ByteBuffer ids = ByteBuffer.allocate(rowIds.length * Integer.BYTES);
          ids.asIntBuffer().put(rowIds);
          out.write(ids.array());
          out.writeInt(tables.size() + dense.size());
          for (Map.Entry<String, float[]> e : tables.entrySet()) {
            writeTensor(out, e.getKey(), true, e.getValue());
          }
          for (Map.Entry<String, float[]> e : dense.entrySet()) {
            writeTensor(out, e.getKey(), false, e.getValue());
          }
        });
  }

  private static void writeTensor(DataOutputStream out, String name, boolean table, float[] v)
      throws IOException {
    out.writeUTF(name);
    out.writeByte(table ? 1 : 0);
    out.writeInt(v.length);
    // In chunks: a full table (a model saved before rows were tracked) is millions of floats.
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
    for (int i = 0; i < v.length; ) {
      int n = Math.min(v.length - i, buf.capacity() / Float.BYTES);
      buf.clear();
      buf.asFloatBuffer().put(v, i, n);
      out.write(buf.array(), 0, n * Float.BYTES);
      i += n;
    }
  }

  /**
   * Reads {@code dir/}{@value #FILE} of a model whose table has {@code tableRows} rows.
   *
   * @throws CorruptFileException naming the file if it fails its check or a row id is out of order
   *     or outside the table
   */
  static InferenceWeights load(Path dir, int tableRows) throws IOException {
    Path f = dir.resolve(FILE);
    return VersionedFile.read(
        f,
        KIND,
        VERSION,
        VERSION,
        (in, version) -> {
          int n = VersionedFile.checkCount(f, in, in.readInt(), Integer.BYTES, "row ids");
          byte[] raw = new byte[n * Integer.BYTES];
          in.readFully(raw);
          int[] ids = new int[n];
          ByteBuffer.wrap(raw).asIntBuffer().get(ids);
          if (n == 0 || ids[0] != 0) {
            throw new CorruptFileException(f, "the first row id must be 0 (padding)");
          }
          for (int i = 1; i < n; i++) {
            if (ids[i] <= ids[i - 1] || ids[i] >= tableRows) {
              throw new CorruptFileException(
                  f,
                  "row id "
                      + ids[i]
                      + " at position "
                      + i
                      + " is out of order or outside the table of "
                      + tableRows
                      + " rows");
            }
          }
          // name (2+), kind (1), count (4): 7 bytes at least per tensor
          int tensors = VersionedFile.checkCount(f, in, in.readInt(), 7, "tensors");
          Map<String, float[]> tables = new LinkedHashMap<>();
          Map<String, float[]> dense = new LinkedHashMap<>();
          for (int t = 0; t < tensors; t++) {
            String name = in.readUTF();
            int kind = in.readByte();
            if (kind != 0 && kind != 1) {
              throw new CorruptFileException(f, "tensor " + name + " has unknown kind " + kind);
            }
            float[] values = readFloats(f, in, name);
            Map<String, float[]> into = kind == 1 ? tables : dense;
            if (tables.containsKey(name) || dense.containsKey(name)) {
              throw new CorruptFileException(f, "tensor " + name + " appears twice");
            }
            if (kind == 1 && values.length % n != 0) {
              throw new CorruptFileException(
                  f, "table " + name + " holds " + values.length + " values for " + n + " rows");
            }
            into.put(name, values);
          }
          return new InferenceWeights(ids, tables, dense);
        });
  }

  private static float[] readFloats(Path f, DataInputStream in, String name) throws IOException {
    int count = VersionedFile.checkCount(f, in, in.readInt(), Float.BYTES, name + " values");
    float[] v = new float[count];
    byte[] chunk = new byte[1 << 16];
    for (int i = 0; i < count; ) {
      int n = Math.min(count - i, chunk.length / Float.BYTES);
      in.readFully(chunk, 0, n * Float.BYTES);
      ByteBuffer.wrap(chunk, 0, n * Float.BYTES).asFloatBuffer().get(v, i, n);
      i += n;
    }
    return v;
  }
}
