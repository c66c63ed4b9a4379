package io.movierec.index.knn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.index.Neighbor;
import io.movierec.index.VectorIndex;
import io.movierec.io.CorruptFileException;
import io.movierec.io.UnsupportedVersionException;
import io.movierec.io.VersionedFile;
import io.movierec.progress.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approximate top-K search with a hierarchical navigable small world graph ({@link HnswGraph}), for
 * catalogues far larger than the few thousand movies where {@link ExactVectorIndex} is the better
 * choice. Vectors are normalised when added and the graph uses the inner product, so a hit's score
 * is its cosine, computed exactly from the stored unit vector.
 *
 * <p>Removing or replacing a vector marks its node dead: it stays in the graph as a waypoint and is
 * never returned, so a removal cannot cut live nodes off. When dead nodes outnumber live ones (and
 * number more than {@link #COMPACT_MIN_DEAD}) the graph is rebuilt from the live vectors.
 *
 * <p>An answer never goes short: if the graph search returns fewer than k results while more live
 * vectors exist than it returned, the index also scores every live vector and answers with that
 * when it finds more (counted by {@link #graphMisses()} and logged), and starts a compaction on a
 * background thread if the graph holds dead nodes (near-duplicate vectors added and removed can
 * leave a closed island of dead nodes that a search enters and cannot leave).
 *
 * <p>Saved files are written and read by this class itself ({@link #save}, {@link #load}): no Java
 * serialization. Files of format version 2, which held hnswlib's Java-serialised graph, are refused
 * with a {@link LegacyIndexFormatException} that says to rebuild the bundle.
 *
 * <p>Thread safety: any number of searches may run while one thread adds, updates or removes;
 * writers are serialised here. The costly part of an insertion (finding its neighbours) runs beside
 * searches; linking it in, growing the arrays and swapping in a compacted graph hold searches for
 * the moment they take.
 */
public final class HnswVectorIndex implements VectorIndex {

  /**
   * Links per node on the upper layers (twice this on the bottom layer). 16 is the usual choice for
   * low-dimensional data such as 32-d embeddings: recall above 0.95 at modest ef.
   */
  public static final int DEFAULT_M = 16;

  /**
   * Candidate list size while building. 200 buys a well-connected graph (recall close to the best
   * the graph allows) at a build cost that is paid once, offline.
   */
  public static final int DEFAULT_EF_CONSTRUCTION = 200;

  /**
   * Candidate list size while searching. A search always uses at least k candidates; for the
   * top-100 the recommender asks for, ef = 200 keeps recall@100 above 0.99. Lower it to trade
   * recall for speed.
   */
  public static final int DEFAULT_EF = 200;

  /** Initial capacity in vectors (node slots) when none is given; it doubles when exhausted. */
  public static final int DEFAULT_MAX_ITEMS = 10_000;

  /** Dead nodes tolerated before the graph is rebuilt (once they also outnumber live vectors). */
  public static final int COMPACT_MIN_DEAD = 1_000;

  /** The kind this index writes into its {@link VersionedFile} header. */
  public static final String FILE_KIND = "hnsw-index";

  /**
   * The format version of saved files that this build writes and reads: the graph in movierec's own
   * layout (see {@link HnswGraph#write}).
   */
  public static final int FILE_VERSION = 3;

  /**
   * The oldest format version {@link #load} reads. Version 2 held hnswlib's Java-serialised graph
   * and is refused with a {@link LegacyIndexFormatException}; version 1 is refused as too old.
   */
  public static final int OLDEST_FILE_VERSION = 3;

  /** The format version that held hnswlib's Java-serialised graph. */
  private static final int LEGACY_FILE_VERSION = 2;

  private static final long SEED = 0x5EED_1DE8L;

  private static final Logger LOG = LoggerFactory.getLogger(HnswVectorIndex.class);

  private final int dimension;

  /** Replaced by a compaction, under the write lock. */
  private volatile HnswGraph graph;

  /** Taken by writers: one add, remove, compaction or save at a time. */
  private final Object writerMonitor = new Object();

  /** Searches and insertion plans share the read lock; changes to the graph take the write lock. */
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  /** The search candidate list size. */
  private volatile int ef;

  /** Searches that the graph answered short and an exact scan completed. */
  private final AtomicLong graphMisses = new AtomicLong();

  /** Set while a compaction started by a short search runs. */
  private final AtomicBoolean compacting = new AtomicBoolean();

  private HnswVectorIndex(HnswGraph graph, int ef) {
    this.dimension = graph.dimension();
    this.graph = graph;
    this.ef = ef;
  }

  /** Starts building an empty index of {@code dimension}-d vectors. */
  public static Builder newBuilder(int dimension) {
    return new Builder(dimension);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return graph.liveCount();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The number of links per node on the upper layers. */
  public int m() {
    return graph.m();
  }

  /** The candidate list size used while building. */
  public int efConstruction() {
    return graph.efConstruction();
  }

  /** The candidate list size used while searching (at least k is used in any case). */
  public int ef() {
    return ef;
  }

  /** Changes the candidate list size of later searches: higher is slower and more accurate. */
  public void setEf(int ef) {
    checkArgument(ef >= 1, "ef must be at least 1, got %s", ef);
    this.ef = ef;
  }

  /** The number of node slots the graph can hold before it grows. */
  public int maxItems() {
    lock.readLock().lock();
    try {
      return graph.capacity();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * How many searches the graph answered with fewer results than it should have, so that an exact
   * scan of the live vectors answered instead. Stays 0 on a healthy graph.
   */
  public long graphMisses() {
    return graphMisses.get();
  }

  @Override
  public void add(int id, float[] vector) {
    float[] unit = Vectors.normalised(vector, dimension, "vector for id " + id);
    synchronized (writerMonitor) {
      insert(graph, lock, id, unit);
      compactIfSparse();
    }
  }

  /**
   * Adds or replaces many vectors at once, inserting with {@code threads} threads. Meant for
   * building an index; searches may run meanwhile.
   *
   * @throws IllegalArgumentException if the arrays differ in length, an id repeats, or a vector is
   *     invalid (nothing is added then)
   * @throws InterruptedException if interrupted while waiting for the threads
   */
  public void addAll(int[] ids, float[][] vectors, int threads) throws InterruptedException {
    checkArgument(
        ids.length == vectors.length, "%s ids but %s vectors", ids.length, vectors.length);
    checkArgument(threads >= 1, "threads must be at least 1, got %s", threads);
    IntIntMap seen = new IntIntMap(ids.length);
    float[][] units = new float[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      int previous = seen.get(ids[i]);
      checkArgument(
          previous == IntIntMap.ABSENT,
          "id %s appears at positions %s and %s",
          ids[i],
          previous,
          i);
      seen.put(ids[i], i);
      units[i] = Vectors.normalised(vectors[i], dimension, "vector for id " + ids[i]);
    }
    synchronized (writerMonitor) {
      insertAll(graph, lock, ids, units, threads, "HNSW build");
      compactIfSparse();
    }
  }

  @Override
  public boolean remove(int id) {
    synchronized (writerMonitor) {
      boolean removed;
      lock.writeLock().lock();
      try {
        removed = graph.remove(id);
      } finally {
        lock.writeLock().unlock();
      }
      compactIfSparse();
      return removed;
    }
  }

  @Override
  public boolean contains(int id) {
    lock.readLock().lock();
    try {
      return graph.contains(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Walks the graph with a candidate list of {@code max(ef, k)}, through removed and excluded
   * nodes, until it holds that many eligible ones or has seen every node it reaches. If that gives
   * fewer than k while more live vectors exist, every live vector is scored as well and the longer
   * answer wins (see {@link #graphMisses()}).
   */
  @Override
  public List<Neighbor> search(float[] query, int k, IntPredicate exclude) {
    Vectors.checkK(k);
    checkNotNull(exclude, "exclude");
    float[] q = Vectors.normalised(query, dimension, "query");
    lock.readLock().lock();
    try {
      HnswGraph g = graph;
      List<Neighbor> found = g.search(q, k, ef, exclude);
      if (found.size() < k && found.size() < g.liveCount()) {
        List<Neighbor> exact = g.exactSearch(q, k, exclude);
        if (exact.size() > found.size()) {
          long misses = graphMisses.incrementAndGet();
          if (Long.bitCount(misses) == 1) { // the 1st, 2nd, 4th, 8th... time
            LOG.warn(
                "HNSW graph search returned {} of the {} results an exact scan found among {} live"
                    + " vectors; answered with the exact scan ({} such searches so far)",
                found.size(),
                exact.size(),
                g.liveCount(),
                misses);
          } else {
            LOG.debug("HNSW graph search short: {} of {}", found.size(), exact.size());
          }
          compactInBackground(g);
          return exact;
        }
      }
      List<Neighbor> sorted = new ArrayList<>(found);
      sorted.sort(BEST_FIRST);
      return List.copyOf(sorted);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Starts a compaction on a daemon thread (one at a time) when a search found the graph short and
   * it holds dead nodes: near-duplicate vectors that were added and removed can leave a closed
   * island of dead nodes that the search enters and cannot leave; rebuilding drops it.
   */
  private void compactInBackground(HnswGraph g) {
    if (g.nodeCount() > g.liveCount() && compacting.compareAndSet(false, true)) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  compact();
                } finally {
                  compacting.set(false);
                }
              },
              "hnsw-compact");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Rebuilds the graph when dead nodes outnumber live ones (see {@link #COMPACT_MIN_DEAD}). */
  private void compactIfSparse() {
    HnswGraph g = graph;
    int live = g.liveCount();
    int dead = g.nodeCount() - live;
    if (dead > COMPACT_MIN_DEAD && dead > live) {
      compact();
    }
  }

  /**
   * Rebuilds the graph from the live vectors, dropping the nodes of removed and replaced ones.
   * Searches keep running on the old graph until the new one is swapped in.
   */
  public void compact() {
    synchronized (writerMonitor) {
      HnswGraph old = graph;
      int[] nodes = old.liveNodes();
      int[] ids = new int[nodes.length];
      float[][] units = new float[nodes.length][];
      for (int i = 0; i < nodes.length; i++) {
        ids[i] = old.id(nodes[i]);
        units[i] = old.vector(nodes[i]);
      }
      HnswGraph fresh =
          new HnswGraph(
              dimension, old.m(), old.efConstruction(), Math.max(16, 2 * nodes.length), SEED);
      try {
        insertAll(
            fresh, new ReentrantReadWriteLock(), ids, units, BUILD_THREADS, "HNSW compaction");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.warn("HNSW compaction interrupted; the index keeps its dead nodes");
        return;
      }
      lock.writeLock().lock();
      try {
        graph = fresh;
      } finally {
        lock.writeLock().unlock();
      }
      LOG.debug("HNSW index compacted to {} live vectors", nodes.length);
    }
  }

  private static final int BUILD_THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  /**
   * Inserts one vector: reserves its node (write lock), finds its neighbours (read lock, beside
   * searches) and links it in (write lock). The caller holds the writer monitor or otherwise keeps
   * the graph from becoming empty meanwhile.
   */
  private static void insert(HnswGraph g, ReadWriteLock lock, int id, float[] unit) {
    int node;
    lock.writeLock().lock();
    try {
      node = g.reserve(id, unit);
    } finally {
      lock.writeLock().unlock();
    }
    int[][] plan;
    lock.readLock().lock();
    try {
      plan = g.plan(node);
    } finally {
      lock.readLock().unlock();
    }
    lock.writeLock().lock();
    try {
      g.link(node, plan);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Inserts many vectors with {@code threads} threads (the first alone if the graph is empty),
   * reporting them as {@link Progress} of {@code task}.
   */
  private static void insertAll(
      HnswGraph g, ReadWriteLock lock, int[] ids, float[][] units, int threads, String task)
      throws InterruptedException {
    try (Progress progress =
        Progress.newBuilder(task).withTotal(ids.length).withUnit("vectors").build()) {
      insertAll(g, lock, ids, units, threads, progress);
      progress.finish();
    }
  }

  private static void insertAll(
      HnswGraph g, ReadWriteLock lock, int[] ids, float[][] units, int threads, Progress progress)
      throws InterruptedException {
    int first = 0;
    if (ids.length > 0 && g.nodeCount() == 0) {
      insert(g, lock, ids[0], units[0]);
      progress.advance(1);
      first = 1;
    }
    lock.writeLock().lock();
    try {
      g.grow((int) Math.min(Integer.MAX_VALUE - 8, (long) g.nodeCount() + ids.length - first));
    } finally {
      lock.writeLock().unlock();
    }
    AtomicInteger next = new AtomicInteger(first);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          int i;
          while (failure.get() == null && (i = next.getAndIncrement()) < ids.length) {
            try {
              insert(g, lock, ids[i], units[i]);
              progress.advance(1);
            } catch (RuntimeException e) {
              failure.compareAndSet(null, e);
            }
          }
        };
    int n = Math.min(threads, Math.max(1, ids.length - first));
    if (n == 1) {
      worker.run();
    } else {
      List<Thread> workers = new ArrayList<>(n);
      for (int t = 0; t < n; t++) {
        Thread thread = new Thread(worker, "hnsw-build-" + t);
        thread.setDaemon(true);
        thread.start();
        workers.add(thread);
      }
      try {
        for (Thread thread : workers) {
          thread.join();
        }
      } catch (InterruptedException e) {
        failure.compareAndSet(null, new IllegalStateException("interrupted"));
        for (Thread thread : workers) {
          thread.join();
        }
        throw e;
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /**
   * An estimate of the heap the graph holds: the vectors, ids, levels and flags per node slot, the
   * link lists (2M ints on the bottom layer, M on each upper layer, of which a node has 1/(M-1) on
   * average) per node, and the id-to-node map.
   */
  @Override
  public long memoryBytes() {
    lock.readLock().lock();
    try {
      return graph.memoryBytes();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String kind() {
    return "hnsw";
  }

  /** Does nothing: the index lives on the heap, and the garbage collector reclaims it. */
  @Override
  public void close() {}

  /**
   * Writes the index to {@code file} atomically in movierec's own layout (format {@value
   * #FILE_VERSION}, see {@link HnswGraph#write}): the settings, then every node with its id, dead
   * mark, level, unit vector and links, so that {@link #load} gives back the same graph and the
   * same results. Searches may run meanwhile; writers wait.
   */
  @Override
  public void save(Path file) throws IOException {
    synchronized (writerMonitor) {
      HnswGraph g = graph;
      int searchEf = ef;
      VersionedFile.write(file, FILE_KIND, FILE_VERSION, out -> g.write(out, searchEf));
    }
  }

  /**
   * Reads an index written by {@link #save}, validating every count against the file's size before
   * allocating and every link, level and vector before use. Reads no Java serialization.
   *
   * @throws LegacyIndexFormatException if the file is of format version 2 (hnswlib's Java
   *     serialization): rebuild the bundle
   * @throws CorruptFileException if the file is truncated, fails its checksum, is of another kind
   *     or format version, or holds impossible values
   */
  public static HnswVectorIndex load(Path file) throws IOException {
    return VersionedFile.read(
        file,
        FILE_KIND,
        1,
        FILE_VERSION,
        (in, version) -> {
          if (version == LEGACY_FILE_VERSION) {
            throw new LegacyIndexFormatException(
                file, FILE_KIND, version, OLDEST_FILE_VERSION, FILE_VERSION);
          }
          UnsupportedVersionException.check(
              file, FILE_KIND, version, OLDEST_FILE_VERSION, FILE_VERSION);
          HnswGraph.Loaded loaded =
              HnswGraph.read(file, in, IndexFiles.payloadBytes(file, FILE_KIND));
          return new HnswVectorIndex(loaded.graph(), loaded.ef());
        });
  }

  /** Copies the live unit vectors into an exact index (for checking this one's recall). */
  ExactVectorIndex toExact() {
    lock.readLock().lock();
    try {
      HnswGraph g = graph;
      ExactVectorIndex exact = new ExactVectorIndex(dimension, Math.max(1, g.liveCount()));
      for (int node : g.liveNodes()) {
        exact.addNormalised(g.id(node), g.vector(node));
      }
      return exact;
    } finally {
      lock.readLock().unlock();
    }
  }

  private static final Comparator<Neighbor> BEST_FIRST =
      Comparator.comparingDouble(Neighbor::score).reversed().thenComparingInt(Neighbor::id);

  /** Builds an empty {@link HnswVectorIndex}; every setting has a documented default. */
  public static final class Builder {
    private final int dimension;
    private int m = DEFAULT_M;
    private int efConstruction = DEFAULT_EF_CONSTRUCTION;
    private int ef = DEFAULT_EF;
    private int maxItems = DEFAULT_MAX_ITEMS;

    private Builder(int dimension) {
      checkArgument(dimension >= 1, "dimension must be at least 1, got %s", dimension);
      this.dimension = dimension;
    }

    /** Links per node; default {@link #DEFAULT_M}. */
    public Builder withM(int m) {
      checkArgument(m >= 2, "M must be at least 2, got %s", m);
      this.m = m;
      return this;
    }

    /** Candidate list size while building; default {@link #DEFAULT_EF_CONSTRUCTION}. */
    public Builder withEfConstruction(int efConstruction) {
      checkArgument(
          efConstruction >= 1, "efConstruction must be at least 1, got %s", efConstruction);
      this.efConstruction = efConstruction;
      return this;
    }

    /** Candidate list size while searching; default {@link #DEFAULT_EF}. */
    public Builder withEf(int ef) {
      checkArgument(ef >= 1, "ef must be at least 1, got %s", ef);
      this.ef = ef;
      return this;
    }

    /** Initial capacity in vectors; default {@link #DEFAULT_MAX_ITEMS}. It grows when needed. */
    public Builder withMaxItems(int maxItems) {
      checkArgument(maxItems >= 1, "max items must be at least 1, got %s", maxItems);
      this.maxItems = maxItems;
      return this;
    }

    /** The empty index. */
    public HnswVectorIndex build() {
      return new HnswVectorIndex(new HnswGraph(dimension, m, efConstruction, maxItems, SEED), ef);
    }
  }
}
