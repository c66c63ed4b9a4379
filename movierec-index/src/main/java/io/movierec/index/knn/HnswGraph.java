package io.movierec.index.knn;

import io.movierec.index.Neighbor;
import io.movierec.io.CorruptFileException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * The hierarchical navigable small world graph behind {@link HnswVectorIndex} (Malkov and Yashunin,
 * 2016): each node is a unit vector on level 0 and, with probability falling by a factor M per
 * level, on the levels above; a search descends greedily from the entry point on the top level and
 * then explores the bottom level with a candidate list of size ef.
 *
 * <p>Removal marks a node dead and leaves its links in place, so a removal never cuts a live node
 * off: dead nodes are still walked through, only never returned. A search keeps exploring until it
 * holds ef eligible (live, not excluded) nodes or has seen every node it can reach, so a region of
 * dead or excluded nodes never hides the live ones behind it. New links are chosen by the
 * neighbour-selection heuristic, and the slots it leaves free are filled with the nearest of the
 * candidates it pruned, so nodes keep their full number of links.
 *
 * <p>Not thread-safe: {@link HnswVectorIndex} serialises the writers and keeps searches off the
 * graph while it changes. An insertion is split in three steps ({@link #reserve}, {@link #plan},
 * {@link #link}) so that the costly middle one, a read-only search, can run beside searches and
 * beside the plans of other insertions.
 */
final class HnswGraph {

  /** The highest level a node may have (a level above 31 has probability M^-32). */
  static final int MAX_LEVEL = 31;

  /** The largest dimension a saved graph may declare. */
  static final int MAX_DIMENSION = 1 << 16;

  /** The largest M a saved graph may declare. */
  static final int MAX_M = 1 << 10;

  /** The largest ef or efConstruction a saved graph may declare. */
  static final int MAX_EF = 1 << 24;

  private static final int NONE = -1;

  private final int dimension;
  private final int m;
  private final int efConstruction;
  private final double levelFactor;
  private final SplittableRandom random;

  private float[] vectors; // node n's unit vector at [n * dimension, (n + 1) * dimension)
  private int[] ids;
  private byte[] levels;
  private boolean[] dead; // removed, replaced, or reserved and not linked yet
  private int[][][] links; // links[n][level]: [0] the count, then the neighbours
  private int count;
  private int live;
  private int entryPoint = NONE;
  private final IntIntMap nodeOfId;

  HnswGraph(int dimension, int m, int efConstruction, int capacity, long seed) {
    this.dimension = dimension;
    this.m = m;
    this.efConstruction = efConstruction;
    this.levelFactor = 1 / Math.log(m);
    this.random = new SplittableRandom(seed);
    int slots = Math.max(1, capacity);
    this.vectors = new float[Math.multiplyExact(slots, dimension)];
    this.ids = new int[slots];
    this.levels = new byte[slots];
    this.dead = new boolean[slots];
    this.links = new int[slots][][];
    this.nodeOfId = new IntIntMap(slots);
  }

  int dimension() {
    return dimension;
  }

  int m() {
    return m;
  }

  int efConstruction() {
    return efConstruction;
  }

  /** Node slots allocated. */
  int capacity() {
    return ids.length;
  }

  /** Nodes in the graph, live and dead. */
  int nodeCount() {
    return count;
  }

  /** Live vectors (one per stored id). */
  int liveCount() {
    return live;
  }

  boolean contains(int id) {
    return nodeOfId.get(id) != IntIntMap.ABSENT;
  }

  /** The most links a node holds on {@code level}: 2M on the bottom level, M above. */
  private int maxLinks(int level) {
    return level == 0 ? 2 * m : m;
  }

  // ---------------------------------------------------------------- insertion

  /** Adds {@code unit} under {@code id} (replacing the id's earlier vector) in one go. */
  void insert(int id, float[] unit) {
    int node = reserve(id, unit);
    link(node, plan(node));
  }

  /**
   * Takes a node slot for {@code unit} with a random level, growing the arrays if needed. The node
   * is dead (invisible) until {@link #link} links it.
   */
  int reserve(int id, float[] unit) {
    if (count == ids.length) {
      grow(Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, 2L * ids.length)));
    }
    int node = count++;
    System.arraycopy(unit, 0, vectors, node * dimension, dimension);
    ids[node] = id;
    int level = randomLevel();
    levels[node] = (byte) level;
    dead[node] = true;
    int[][] lists = new int[level + 1][];
    for (int l = 0; l <= level; l++) {
      lists[l] = new int[1 + maxLinks(l)];
    }
    links[node] = lists;
    return node;
  }

  /** Grows the node arrays to {@code capacity} slots. */
  void grow(int capacity) {
    if (capacity <= ids.length) {
      return;
    }
    vectors = Arrays.copyOf(vectors, Math.multiplyExact(capacity, dimension));
    ids = Arrays.copyOf(ids, capacity);
    levels = Arrays.copyOf(levels, capacity);
    dead = Arrays.copyOf(dead, capacity);
    links = Arrays.copyOf(links, capacity);
  }

  private int randomLevel() {
    double u = 1 - random.nextDouble(); // in (0, 1]
    return (int) Math.min(MAX_LEVEL, Math.floor(-Math.log(u) * levelFactor));
  }

  /**
   * The neighbours a reserved node should link to on each of its levels that the graph has: a
   * read-only search from the entry point down. Empty for the first node.
   */
  int[][] plan(int node) {
    if (entryPoint == NONE) {
      return new int[0][];
    }
    int nodeLevel = levels[node];
    int top = levels[entryPoint];
    int offset = node * dimension;
    float[] q = Arrays.copyOfRange(vectors, offset, offset + dimension);
    int current = entryPoint;
    for (int l = top; l > nodeLevel; l--) {
      current = greedy(q, current, l);
    }
    int[][] plan = new int[Math.min(nodeLevel, top) + 1][];
    long[] visited = new long[(count + 63) >>> 6];
    for (int l = plan.length - 1; l >= 0; l--) {
      Arrays.fill(visited, 0);
      long[] found = searchLayer(q, current, efConstruction, l, null, visited, node);
      plan[l] = selectNeighbours(found, found.length, maxLinks(l));
      if (found.length > 0) {
        current = nodeOf(found[0]);
      }
    }
    return plan;
  }

  /**
   * Links a reserved node to the neighbours {@link #plan} chose, links them back (pruning their
   * lists when full), makes it the entry point if it is the highest node, and makes it the live
   * vector of its id.
   */
  void link(int node, int[][] plan) {
    int[][] lists = links[node];
    for (int l = 0; l < Math.min(plan.length, lists.length); l++) {
      int[] chosen = plan[l];
      int[] list = lists[l];
      list[0] = chosen.length;
      System.arraycopy(chosen, 0, list, 1, chosen.length);
      for (int neighbour : chosen) {
        linkBack(neighbour, node, l);
      }
    }
    if (entryPoint == NONE || levels[node] > levels[entryPoint]) {
      entryPoint = node;
    }
    int id = ids[node];
    int old = nodeOfId.get(id);
    if (old != IntIntMap.ABSENT) {
      dead[old] = true;
      live--;
    }
    nodeOfId.put(id, node);
    dead[node] = false;
    live++;
  }

  /** Adds {@code node} to the links of {@code from} on {@code level}, pruning a full list. */
  private void linkBack(int from, int node, int level) {
    int[] list = links[from][level];
    int n = list[0];
    for (int i = 1; i <= n; i++) {
      if (list[i] == node) {
        return;
      }
    }
    if (n < list.length - 1) {
      list[n + 1] = node;
      list[0] = n + 1;
      return;
    }
    long[] candidates = new long[n + 1];
    for (int i = 0; i < n; i++) {
      candidates[i] = key(distance(from, list[i + 1]), list[i + 1]);
    }
    candidates[n] = key(distance(from, node), node);
    Arrays.sort(candidates);
    int[] kept = selectNeighbours(candidates, candidates.length, n);
    list[0] = kept.length;
    System.arraycopy(kept, 0, list, 1, kept.length);
  }

  /**
   * Up to {@code max} neighbours for a base node from candidates sorted nearest to it first: the
   * selection heuristic keeps a candidate only if it is nearer to the base than to every one kept
   * so far (so the links point in different directions); the slots left over go to the nearest of
   * the candidates it passed over.
   */
  private int[] selectNeighbours(long[] sorted, int n, int max) {
    int[] kept = new int[Math.min(n, max)];
    int keptCount = 0;
    int[] passed = new int[n];
    int passedCount = 0;
    for (int i = 0; i < n && keptCount < max; i++) {
      int candidate = nodeOf(sorted[i]);
      float toBase = distanceOf(sorted[i]);
      boolean diverse = true;
      for (int j = 0; j < keptCount && diverse; j++) {
        diverse = distance(candidate, kept[j]) >= toBase;
      }
      if (diverse) {
        kept[keptCount++] = candidate;
      } else {
        passed[passedCount++] = candidate;
      }
    }
    for (int i = 0; i < passedCount && keptCount < kept.length; i++) {
      kept[keptCount++] = passed[i];
    }
    return keptCount == kept.length ? kept : Arrays.copyOf(kept, keptCount);
  }

  // ---------------------------------------------------------------- removal

  /** Marks the live node of {@code id} dead; false if there is none. Its links stay. */
  boolean remove(int id) {
    int node = nodeOfId.remove(id);
    if (node == IntIntMap.ABSENT) {
      return false;
    }
    dead[node] = true;
    live--;
    return true;
  }

  /** The live nodes, in node order. */
  int[] liveNodes() {
    int[] nodes = new int[live];
    int n = 0;
    for (int node = 0; node < count; node++) {
      if (!dead[node]) {
        nodes[n++] = node;
      }
    }
    return nodes;
  }

  int id(int node) {
    return ids[node];
  }

  /** A copy of the unit vector of {@code node}. */
  float[] vector(int node) {
    int offset = node * dimension;
    return Arrays.copyOfRange(vectors, offset, offset + dimension);
  }

  // ---------------------------------------------------------------- search

  /**
   * The up to {@code k} live, not excluded vectors nearest to the unit vector {@code q} that the
   * graph search reaches with a candidate list of {@code max(ef, k)}, best first. Fewer than k only
   * if the search saw every node it could reach.
   */
  List<Neighbor> search(float[] q, int k, int ef, IntPredicate exclude) {
    if (entryPoint == NONE || live == 0) {
      return List.of();
    }
    int current = entryPoint;
    for (int l = levels[entryPoint]; l > 0; l--) {
      current = greedy(q, current, l);
    }
    long[] visited = new long[(count + 63) >>> 6];
    long[] found = searchLayer(q, current, Math.max(ef, k), 0, exclude, visited, NONE);
    int n = Math.min(k, found.length);
    List<Neighbor> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int node = nodeOf(found[i]);
      result.add(new Neighbor(ids[node], Vectors.dot(vectors, node * dimension, q)));
    }
    return result;
  }

  /** The best {@code k} live, not excluded vectors by brute force, best first. */
  List<Neighbor> exactSearch(float[] q, int k, IntPredicate exclude) {
    int[] nodes = liveNodes();
    float[] scores = new float[nodes.length];
    int[] nodeIds = new int[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      scores[i] = Vectors.dot(vectors, nodes[i] * dimension, q);
      nodeIds[i] = ids[nodes[i]];
    }
    return List.of(TopKSelection.select(scores, nodeIds, k, exclude));
  }

  /**
   * The node nearest to {@code q} found by walking downhill on {@code level} from {@code start}.
   */
  private int greedy(float[] q, int start, int level) {
    int current = start;
    float best = distance(q, current);
    boolean moved = true;
    while (moved) {
      moved = false;
      int[] list = links[current][level];
      for (int i = 1; i <= list[0]; i++) {
        float d = distance(q, list[i]);
        if (d < best) {
          best = d;
          current = list[i];
          moved = true;
        }
      }
    }
    return current;
  }

  /**
   * Best-first search of {@code level} from {@code start}: the up to {@code ef} nearest eligible
   * nodes, nearest first, as {@link #key} longs. With {@code exclude} null every node but {@code
   * skip} is eligible (building); otherwise only live nodes whose id is not excluded are (search).
   * Ineligible nodes are walked through and never counted, and the search does not stop before it
   * holds ef eligible nodes.
   */
  private long[] searchLayer(
      float[] q, int start, int ef, int level, IntPredicate exclude, long[] visited, int skip) {
    int room = Math.min(ef, count) + 1;
    LongHeap candidates = new LongHeap(Math.max(16, room));
    LongHeap results = new LongHeap(room); // a max-heap: holds negated keys
    mark(visited, start);
    long startKey = key(distance(q, start), start);
    candidates.push(startKey);
    if (eligible(start, exclude, skip)) {
      results.push(-startKey);
    }
    while (candidates.size() > 0) {
      long candidate = candidates.pop();
      if (results.size() >= ef && candidate > -results.peek()) {
        break;
      }
      int[] list = links[nodeOf(candidate)][level];
      for (int i = 1; i <= list[0]; i++) {
        int neighbour = list[i];
        if (!mark(visited, neighbour)) {
          continue;
        }
        long k = key(distance(q, neighbour), neighbour);
        if (results.size() < ef || k < -results.peek()) {
          candidates.push(k);
          if (eligible(neighbour, exclude, skip)) {
            results.push(-k);
            if (results.size() > ef) {
              results.pop();
            }
          }
        }
      }
    }
    long[] found = new long[results.size()];
    for (int i = found.length - 1; i >= 0; i--) {
      found[i] = -results.pop();
    }
    return found;
  }

  private boolean eligible(int node, IntPredicate exclude, int skip) {
    if (exclude == null) {
      return node != skip;
    }
    return !dead[node] && !exclude.test(ids[node]);
  }

  /** Sets the bit of {@code node}; false if it was set already. */
  private static boolean mark(long[] visited, int node) {
    int word = node >>> 6;
    long bit = 1L << node;
    if ((visited[word] & bit) != 0) {
      return false;
    }
    visited[word] |= bit;
    return true;
  }

  /** 1 − cosine, never negative (rounding can push a cosine a little past 1). */
  private float distance(float[] q, int node) {
    return Math.max(0f, 1f - Vectors.dot(vectors, node * dimension, q));
  }

  private float distance(int a, int b) {
    int oa = a * dimension;
    int ob = b * dimension;
    float s = 0;
    for (int i = 0; i < dimension; i++) {
      s += vectors[oa + i] * vectors[ob + i];
    }
    return Math.max(0f, 1f - s);
  }

  /**
   * A distance and a node packed so that longs order by distance, then node: a non-negative float's
   * bits order like the float.
   */
  private static long key(float distance, int node) {
    return ((long) Float.floatToIntBits(distance) << 32) | node;
  }

  private static int nodeOf(long key) {
    return (int) key;
  }

  private static float distanceOf(long key) {
    return Float.intBitsToFloat((int) (key >>> 32));
  }

  // ---------------------------------------------------------------- memory

  /** An estimate of the heap the graph holds, in bytes. */
  long memoryBytes() {
    long slots = ids.length;
    long flat = 16 + 4L * dimension * slots + (16 + 4 * slots) + 2 * (16 + slots) + 16 + 8 * slots;
    long bottom = 16 + 8 + 16 + 4L * (1 + 2 * m);
    long upper = (16 + 4L * (1 + m) + 8) / Math.max(1, m - 1);
    return flat + (bottom + upper) * count + nodeOfId.memoryBytes();
  }

  // ---------------------------------------------------------------- file format

  /**
   * Writes the graph: dimension, M, efConstruction, {@code ef}, the node count and the entry point,
   * then per node its id, a dead flag, its level, its unit vector and, per level, the link count
   * and the links.
   */
  void write(DataOutputStream out, int ef) throws IOException {
    out.writeInt(dimension);
    out.writeInt(m);
    out.writeInt(efConstruction);
    out.writeInt(ef);
    out.writeInt(count);
    out.writeInt(entryPoint);
    for (int node = 0; node < count; node++) {
      out.writeInt(ids[node]);
      out.writeByte(dead[node] ? 1 : 0);
      out.writeByte(levels[node]);
      int offset = node * dimension;
      for (int i = 0; i < dimension; i++) {
        out.writeFloat(vectors[offset + i]);
      }
      for (int[] list : links[node]) {
        out.writeInt(list[0]);
        for (int i = 1; i <= list[0]; i++) {
          out.writeInt(list[i]);
        }
      }
    }
  }

  /** A graph and the search ef it was saved with. */
  record Loaded(HnswGraph graph, int ef) {}

  /**
   * Reads a graph written by {@link #write}, checking every count and length against its bounds and
   * against the {@code payloadBytes} the file holds before allocating anything for it, and every
   * link, level, id and vector for consistency.
   *
   * @throws CorruptFileException naming {@code file} and the value at fault
   */
  static Loaded read(Path file, DataInputStream in, long payloadBytes) throws IOException {
    Budget budget = new Budget(file, payloadBytes);
    budget.take(24, "the header");
    int first = in.readInt();
    if (first >>> 16 == 0xACED) {
      throw new CorruptFileException(
          file,
          "holds a Java serialization stream, which movierec never reads (an index saved by an"
              + " older movierec through hnswlib): rebuild the bundle");
    }
    int dimension = checkRange(file, "dimension", first, 1, MAX_DIMENSION);
    int m = checkRange(file, "M", in.readInt(), 2, MAX_M);
    int efConstruction = checkRange(file, "efConstruction", in.readInt(), 1, MAX_EF);
    int ef = checkRange(file, "ef", in.readInt(), 1, MAX_EF);
    int count = checkRange(file, "node count", in.readInt(), 0, Integer.MAX_VALUE - 8);
    int entryPoint = in.readInt();
    long minNodeBytes = 4 + 1 + 1 + 4L * dimension + 4;
    if (count > budget.remaining() / minNodeBytes) {
      throw new CorruptFileException(
          file,
          "node count "
              + count
              + " needs at least "
              + count * minNodeBytes
              + " bytes, the file holds "
              + budget.remaining());
    }
    if (count == 0 ? entryPoint != NONE : entryPoint < 0 || entryPoint >= count) {
      throw new CorruptFileException(
          file, "entry point " + entryPoint + " is not a node of the " + count + " in the graph");
    }
    HnswGraph graph = new HnswGraph(dimension, m, efConstruction, count, count);
    for (int node = 0; node < count; node++) {
      budget.take(6 + 4L * dimension, "node " + node);
      int id = in.readInt();
      int flag = in.readUnsignedByte();
      if (flag > 1) {
        throw new CorruptFileException(file, "node " + node + " has dead flag " + flag);
      }
      int level = checkRange(file, "level of node " + node, in.readByte(), 0, MAX_LEVEL);
      int offset = node * dimension;
      double norm = 0;
      for (int i = 0; i < dimension; i++) {
        float x = in.readFloat();
        graph.vectors[offset + i] = x;
        norm += (double) x * x;
      }
      if (!(Math.abs(norm - 1) <= 1e-3)) {
        throw new CorruptFileException(
            file, "the vector of node " + node + " is not of unit length (norm² " + norm + ")");
      }
      int[][] lists = new int[level + 1][];
      for (int l = 0; l <= level; l++) {
        budget.take(4, "node " + node);
        int max = graph.maxLinks(l);
        int n =
            checkRange(file, "link count of node " + node + " on level " + l, in.readInt(), 0, max);
        budget.take(4L * n, "node " + node);
        int[] list = new int[1 + max];
        list[0] = n;
        for (int i = 1; i <= n; i++) {
          int neighbour = in.readInt();
          if (neighbour < 0 || neighbour >= count || neighbour == node) {
            throw new CorruptFileException(
                file, "node " + node + " links to " + neighbour + " on level " + l);
          }
          list[i] = neighbour;
        }
        lists[l] = list;
      }
      graph.ids[node] = id;
      graph.levels[node] = (byte) level;
      graph.links[node] = lists;
      graph.dead[node] = flag == 1;
      graph.count = node + 1;
      if (flag == 0) {
        if (graph.nodeOfId.get(id) != IntIntMap.ABSENT) {
          throw new CorruptFileException(file, "id " + id + " has two live nodes");
        }
        graph.nodeOfId.put(id, node);
        graph.live++;
      }
    }
    if (budget.remaining() != 0) {
      throw new CorruptFileException(
          file, budget.remaining() + " bytes follow the last of the " + count + " nodes");
    }
    int top = 0;
    for (int node = 0; node < count; node++) {
      top = Math.max(top, graph.levels[node]);
      for (int l = 0; l < graph.links[node].length; l++) {
        int[] list = graph.links[node][l];
        for (int i = 1; i <= list[0]; i++) {
          if (graph.levels[list[i]] < l) {
            throw new CorruptFileException(
                file,
                "node " + node + " links on level " + l + " to node " + list[i] + " below it");
          }
        }
      }
    }
    if (count > 0 && graph.levels[entryPoint] != top) {
      throw new CorruptFileException(
          file, "entry point " + entryPoint + " is not on the top level " + top);
    }
    graph.entryPoint = entryPoint;
    return new Loaded(graph, ef);
  }

  private static int checkRange(Path file, String what, int value, int min, int max)
      throws CorruptFileException {
    if (value < min || value > max) {
      throw new CorruptFileException(
          file, what + " " + value + " is outside [" + min + ", " + max + "]");
    }
    return value;
  }

  /** The payload bytes not read yet, checked before each read that allocates. */
  private static final class Budget {
    private final Path file;
    private long remaining;

    Budget(Path file, long bytes) {
      this.file = file;
      this.remaining = bytes;
    }

    void take(long bytes, String what) throws CorruptFileException {
      if (bytes > remaining) {
        throw new CorruptFileException(
            file,
            what + " needs " + bytes + " more bytes, the file holds only " + remaining + " more");
      }
      remaining -= bytes;
    }

    long remaining() {
      return remaining;
    }
  }

  /** A binary min-heap of longs. */
  private static final class LongHeap {
    private long[] heap;
    private int size;

    LongHeap(int capacity) {
      heap = new long[Math.max(1, capacity)];
    }

    int size() {
      return size;
    }

    long peek() {
      return heap[0];
    }

    void push(long value) {
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (heap[parent] <= value) {
          break;
        }
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = value;
    }

    long pop() {
      long top = heap[0];
      long last = heap[--size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && heap[child + 1] < heap[child]) {
          child++;
        }
        if (heap[child] >= last) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
      return top;
    }
  }
}
