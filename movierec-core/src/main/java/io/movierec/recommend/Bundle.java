package io.movierec.recommend;

import io.movierec.domain.Movie;
import io.movierec.index.Neighbor;
import io.movierec.index.VectorIndex;
import io.movierec.io.AtomicFiles;
import io.movierec.io.CorruptFileException;
import io.movierec.io.FailPoints;
import io.movierec.io.VersionedFile;
import io.movierec.progress.Progress;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recommender saved in a directory:
 *
 * <pre>
 *   BUNDLE              the manifest: format version, generation, bundle id, candidates, and for
 *                       each part its role, kind, name, size, CRC-32C and fingerprint
 *   movies-G.bin        the catalogue            users-G.bin    the user store
 *   index-G.bin         the vector index         recall-G/      the recall model
 *   rank-G/             the ranker (optional)
 *   channels-G.bin      the recall channels and the ordering ({@link ChannelFile}; a bundle
 *                       saved before channels existed has none: index only, ordering AUTO)
 * </pre>
 *
 * <p>A save first checks that the parts belong together (the ranker reads the recall model's
 * features; the index holds exactly the catalogue's movies, embedded by this recall model), writes
 * every part under a new generation G, then replaces {@code BUNDLE} atomically, then deletes the
 * parts of generations older than the previous one and the temporaries of crashed saves. A crash at
 * any point leaves a {@code BUNDLE} that names complete parts. The previous generation survives one
 * more save, so that a load that started before this save still finds its parts.
 *
 * <p>A load reads the manifest in one read, refuses part names that leave the directory, checks
 * each part's size and CRC-32C against the manifest (a part copied from another bundle is refused
 * naming it), loads the parts and checks them against one another as a save does. When a load fails
 * and the manifest has changed meanwhile (another process saved), it starts again with the new
 * manifest, up to {@value #LOAD_ATTEMPTS} times, then throws {@link BundleChangedException}.
 *
 * <p>Version-1 manifests (before checksums and fingerprints) still load, without those checks and
 * with a warning to rebuild the bundle. Bundles are data, not code: CRC-32C detects accidents and
 * mix-ups, not forgery. One process at a time may save into a directory.
 */
final class Bundle {

  private static final Logger LOG = LoggerFactory.getLogger(Bundle.class);

  static final String MANIFEST = "BUNDLE";
  static final String KIND = "recommender-bundle";
  static final int VERSION = 2;
  static final int OLDEST_VERSION = 1;

  /** Loads tried before a bundle that keeps changing is reported as such. */
  static final int LOAD_ATTEMPTS = 5;

  /** Movies whose stored vector is compared with the recall model's. */
  private static final int PROBES = 8;

  /** The cosine above which a stored vector is the recall model's own. */
  private static final double SAME_VECTOR = 0.999;

  private static final List<String> ROLES =
      List.of("recall", "rank", "index", "movies", "users", "channels");
  private static final Pattern PART_NAME =
      Pattern.compile("(?:recall|rank)-(\\d+)|(?:index|movies|users|channels)-(\\d+)\\.bin");
  private static final int MAX_FINGERPRINT_ENTRIES = 64;

  private Bundle() {}

  /**
   * One part as the manifest records it; version-1 manifests record no size ({@code bytes} -1), no
   * checksum and no fingerprint.
   */
  private record Part(
      String role,
      String kind,
      String name,
      long bytes,
      int crc,
      Map<String, String> fingerprint) {}

  private record Manifest(
      int version, long generation, String bundleId, int candidates, Map<String, Part> parts) {

    Optional<Part> part(String role) {
      return Optional.ofNullable(parts.get(role));
    }

    Set<String> files() {
      Set<String> names = new HashSet<>();
      names.add(MANIFEST);
      parts.values().forEach(p -> names.add(p.name()));
      return names;
    }
  }

  // ---- save ----

  static void save(Recommender r, Path dir) throws IOException {
    Map<String, Map<String, String>> fingerprints = checkParts(r, dir);
    Files.createDirectories(dir);
    Manifest previous = readManifestIfAny(dir);
    long generation = nextGeneration(dir, previous);
    String g = Long.toString(generation);
    Optional<RankingModel> ranker = r.ranker();
    Map<String, String[]> planned = new LinkedHashMap<>(); // role -> {kind, name}
    planned.put("recall", new String[] {r.recallModel().kind(), "recall-" + g});
    ranker.ifPresent(k -> planned.put("rank", new String[] {k.kind(), "rank-" + g}));
    planned.put("index", new String[] {r.index().kind(), "index-" + g + ".bin"});
    planned.put("movies", new String[] {"", "movies-" + g + ".bin"});
    planned.put("users", new String[] {"", "users-" + g + ".bin"});
    planned.put("channels", new String[] {"", "channels-" + g + ".bin"});

    try (Progress progress =
        Progress.newBuilder("bundle: save " + dir)
            .withTotal(planned.size())
            .withUnit("parts")
            .build()) {
      r.recallModel().saveForServing(dir.resolve(planned.get("recall")[1]));
      FailPoints.reach("bundle.part-saved");
      progress.advance(1);
      if (ranker.isPresent()) {
        ranker.get().saveForServing(dir.resolve(planned.get("rank")[1]));
        FailPoints.reach("bundle.part-saved");
        progress.advance(1);
      }
      r.index().save(dir.resolve(planned.get("index")[1]));
      FailPoints.reach("bundle.part-saved");
      progress.advance(1);
      r.ownedMovies().save(dir.resolve(planned.get("movies")[1]));
      FailPoints.reach("bundle.part-saved");
      progress.advance(1);
      r.ownedUsers().save(dir.resolve(planned.get("users")[1]));
      FailPoints.reach("bundle.part-saved");
      progress.advance(1);
      ChannelFile.write(r, dir.resolve(planned.get("channels")[1]));
      progress.advance(1);
      progress.finish();
    }
    FailPoints.reach("bundle.parts-saved");

    Map<String, Part> parts = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> e : planned.entrySet()) {
      String role = e.getKey();
      String name = e.getValue()[1];
      Digest d = digest(dir, role, dir.resolve(name));
      parts.put(
          role,
          new Part(
              role,
              e.getValue()[0],
              name,
              d.bytes(),
              d.crc(),
              fingerprints.getOrDefault(role, Map.of())));
    }
    Manifest m =
        new Manifest(VERSION, generation, UUID.randomUUID().toString(), r.candidates(), parts);
    writeManifest(dir, m);
    FailPoints.reach("bundle.manifest-saved");
    Set<String> keep = m.files();
    if (previous != null) {
      keep.addAll(previous.files());
    }
    deleteOtherGenerations(dir, keep);
  }

  /** One more than any generation the manifest or a part's name in {@code dir} mentions. */
  private static long nextGeneration(Path dir, Manifest previous) throws IOException {
    long max = previous == null ? 0 : previous.generation();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        Matcher matcher = PART_NAME.matcher(p.getFileName().toString());
        if (matcher.matches()) {
          String n = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
          if (n.length() < 19) {
            max = Math.max(max, Long.parseLong(n));
          }
        }
      }
    }
    return max + 1;
  }

  private static void writeManifest(Path dir, Manifest m) throws IOException {
    VersionedFile.write(
        dir.resolve(MANIFEST),
        KIND,
        VERSION,
        out -> {
          out.writeLong(m.generation());
          out.writeUTF(m.bundleId());
          out.writeInt(m.candidates());
          out.writeInt(m.parts().size());
          for (Part p : m.parts().values()) {
            out.writeUTF(p.role());
            out.writeUTF(p.kind());
            out.writeUTF(p.name());
            out.writeLong(p.bytes());
            out.writeInt(p.crc());
            out.writeInt(p.fingerprint().size());
            for (Map.Entry<String, String> e : p.fingerprint().entrySet()) {
              out.writeUTF(e.getKey());
              out.writeUTF(e.getValue());
            }
          }
        });
  }

  // ---- load ----

  static Recommender load(Path dir, UnaryOperator<Recommender.Builder> customize)
      throws IOException {
    List<Long> generations = new ArrayList<>();
    Exception last = null;
    for (int attempt = 0; attempt < LOAD_ATTEMPTS; attempt++) {
      byte[] read = readManifestBytes(dir);
      Manifest m = parseManifest(dir, read);
      try {
        return load(dir, m, customize);
      } catch (IOException | RuntimeException e) {
        byte[] now = readManifestBytesOrNull(dir);
        if (Arrays.equals(read, now)) {
          throw e; // the bundle did not change while loading: the failure is its own
        }
        LOG.info(
            "bundle {} changed while generation {} was loading ({}); loading again",
            dir,
            m.generation(),
            e.toString());
        generations.add(m.generation());
        last = e;
      }
    }
    throw new BundleChangedException(dir, generations, last);
  }

  /**
   * Loads only the catalogue and the user store of the bundle in {@code dir}, checked against the
   * manifest as {@link #load} checks them; no model or index is opened. Retried as {@link #load} is
   * when the bundle changes meanwhile.
   */
  static BundleStores loadStores(Path dir) throws IOException {
    List<Long> generations = new ArrayList<>();
    Exception last = null;
    for (int attempt = 0; attempt < LOAD_ATTEMPTS; attempt++) {
      byte[] read = readManifestBytes(dir);
      Manifest m = parseManifest(dir, read);
      try {
        Path manifestFile = dir.resolve(MANIFEST);
        MovieStore movies = null;
        UserStore users = null;
        for (String role : List.of("movies", "users")) {
          Part p =
              m.part(role)
                  .orElseThrow(
                      () ->
                          new CorruptFileException(
                              manifestFile, "the manifest names no " + role + " part"));
          Path path = confined(dir, manifestFile, p);
          if (m.version() >= 2) {
            checkRecorded(dir, m, p, path);
          }
          if (role.equals("movies")) {
            movies = MovieStore.load(path);
          } else {
            users = UserStore.load(path);
          }
        }
        return new BundleStores(movies, users);
      } catch (IOException | RuntimeException e) {
        byte[] now = readManifestBytesOrNull(dir);
        if (Arrays.equals(read, now)) {
          throw e;
        }
        LOG.info(
            "bundle {} changed while the stores of generation {} were loading ({}); loading again",
            dir,
            m.generation(),
            e.toString());
        generations.add(m.generation());
        last = e;
      }
    }
    throw new BundleChangedException(dir, generations, last);
  }

  private static Recommender load(
      Path dir, Manifest m, UnaryOperator<Recommender.Builder> customize) throws IOException {
    Path manifestFile = dir.resolve(MANIFEST);
    Map<String, Path> paths = new LinkedHashMap<>();
    for (Part p : m.parts().values()) {
      paths.put(p.role(), confined(dir, manifestFile, p));
    }
    if (m.version() < 2) {
      LOG.warn(
          "bundle {} has a version-{} manifest, which records no checksums or fingerprints: its"
              + " parts are loaded unchecked; rebuild it with `movierec bundle` (or"
              + " Recommender.save) to have them checked",
          dir,
          m.version());
    } else {
      for (Part p : m.parts().values()) {
        checkRecorded(dir, m, p, paths.get(p.role()));
      }
    }
    ChannelFile.@Nullable Contents channels =
        paths.containsKey("channels") ? ChannelFile.read(paths.get("channels")) : null;
    List<ComponentLoader> loaders = new ArrayList<>();
    ServiceLoader.load(ComponentLoader.class).forEach(loaders::add);
    RecallModel recallModel = null;
    RankingModel ranker = null;
    VectorIndex index = null;
    try {
      Part recallPart = m.part("recall").orElseThrow();
      for (ComponentLoader l : loaders) {
        if (recallModel == null) {
          recallModel = l.loadRecall(recallPart.kind(), paths.get("recall")).orElse(null);
        }
      }
      require(recallModel, "recall model", recallPart.kind(), "movierec-models");
      Optional<Part> rankPart = m.part("rank");
      if (rankPart.isPresent()) {
        for (ComponentLoader l : loaders) {
          if (ranker == null) {
            ranker = l.loadRanking(rankPart.get().kind(), paths.get("rank")).orElse(null);
          }
        }
        require(ranker, "ranker", rankPart.get().kind(), "movierec-models");
      }
      Part indexPart = m.part("index").orElseThrow();
      for (ComponentLoader l : loaders) {
        if (index == null) {
          index = l.loadIndex(indexPart.kind(), paths.get("index")).orElse(null);
        }
      }
      require(index, "index", indexPart.kind(), "movierec-index");
      MovieStore movies = MovieStore.load(paths.get("movies"));
      UserStore users = UserStore.load(paths.get("users"));
      Recommender.Builder b =
          Recommender.newBuilder(recallModel, index, movies)
              .withUsers(users)
              .withRanker(ranker)
              .withCandidates(m.candidates());
      if (channels == null) {
        LOG.info("bundle {} predates recall channels and orderings: index channel only", dir);
      } else {
        b.withOrdering(channels.ordering())
            .withNewUserOrdering(channels.newUserOrdering())
            .withIndexWeight(channels.indexWeight())
            .withCombinationWeight(channels.combinationWeight());
        for (ChannelFile.Saved c : channels.channels()) {
          if (c.channel() != null) {
            b.withChannel(c.channel(), c.quota(), c.weight());
          }
        }
      }
      Recommender r = customize.apply(b).build();
      if (m.version() >= 2) {
        checkParts(r, dir);
      }
      if (channels != null) {
        for (ChannelFile.Saved c : channels.channels()) {
          if (c.channel() == null
              && r.channels().stream().noneMatch(x -> x.name().equals(c.name()))) {
            LOG.warn(
                "bundle {}: custom recall channel '{}' (quota {}) was not attached again; "
                    + "load with Recommender.load(dir, b -> b.withChannel(...)) to use it",
                dir,
                c.name(),
                c.quota());
          }
        }
      }
      LOG.info(
          "bundle {}: ordering {}",
          dir,
          Recommender.describeOrdering(r.ordering(), r.effectiveOrdering()));
      return r;
    } catch (IOException | RuntimeException e) {
      if (recallModel != null) {
        closeSuppressed(recallModel::close, e);
      }
      if (ranker != null) {
        closeSuppressed(ranker::close, e);
      }
      if (index != null) {
        closeSuppressed(index::close, e);
      }
      throw e;
    }
  }

  /** Refuses a part whose size or checksum is not the one the manifest recorded. */
  private static void checkRecorded(Path dir, Manifest m, Part p, Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(
          path.toString(), null, "the " + p.role() + " part named in " + dir.resolve(MANIFEST));
    }
    Digest d = digest(dir, p.role(), path);
    if (d.bytes() != p.bytes() || d.crc() != p.crc()) {
      throw new BundleMismatchException(
          path,
          String.format(
              "the %s part is not the one bundle %s (generation %d) was saved with: it holds %,d"
                  + " bytes with CRC-32C %08x, the manifest records %,d bytes with CRC-32C %08x"
                  + " (a part copied from another bundle, or changed since it was saved);"
                  + " rebuild the bundle with `movierec bundle`",
              p.role(), m.bundleId(), m.generation(), d.bytes(), d.crc(), p.bytes(), p.crc()));
    }
  }

  /** The part's path, refused when its name leads out of {@code dir}. */
  private static Path confined(Path dir, Path manifestFile, Part p) throws IOException {
    String name = p.name();
    boolean plain =
        !name.isEmpty()
            && !name.equals(".")
            && !name.equals("..")
            && name.indexOf('/') < 0
            && name.indexOf('\\') < 0
            && name.indexOf('\0') < 0
            && !name.contains(":");
    if (!plain) {
      throw new CorruptFileException(
          manifestFile,
          "names the "
              + p.role()
              + " part '"
              + name
              + "', which is outside the bundle directory "
              + dir
              + " (a part must be a file or directory directly inside it)");
    }
    Path path = dir.resolve(name);
    checkNoEscapingLink(dir, p.role(), path);
    return path;
  }

  /** Refuses a symbolic link that leads out of {@code dir}. */
  private static void checkNoEscapingLink(Path dir, String role, Path path) throws IOException {
    if (!Files.isSymbolicLink(path)) {
      return;
    }
    Path target = Files.readSymbolicLink(path);
    Path real = path.toRealPath();
    if (!real.startsWith(dir.toRealPath())) {
      throw new CorruptFileException(
          path,
          "the "
              + role
              + " part is a symbolic link to "
              + target
              + ", outside the bundle directory "
              + dir
              + ": a bundle's parts must be inside it");
    }
  }

  // ---- checks that the parts belong together ----

  /**
   * Checks that the parts of {@code r} belong together and returns each part's fingerprint by role.
   *
   * @throws BundleMismatchException naming both parts and what differs
   */
  private static Map<String, Map<String, String>> checkParts(Recommender r, Path dir)
      throws BundleMismatchException {
    RecallModel recall = r.recallModel();
    VectorIndex index = r.index();
    MovieStore movies = r.ownedMovies();
    Map<String, Map<String, String>> f = new LinkedHashMap<>();
    f.put("recall", features(recall.features(), recall.vectorDimension()));
    Optional<RankingModel> ranker = r.ranker();
    if (ranker.isPresent()) {
      String rf = ranker.get().features();
      f.put("rank", features(rf, -1));
      if (!rf.isEmpty() && !recall.features().isEmpty() && !rf.equals(recall.features())) {
        throw new BundleMismatchException(
            dir,
            "the ranker ("
                + ranker.get().kind()
                + ") was trained on features '"
                + rf
                + "', the recall model ("
                + recall.kind()
                + ") on '"
                + recall.features()
                + "': both must read the same schema and hasher (train them on the same prepared"
                + " data)");
      }
    }
    List<Movie> all = movies.all();
    int[] ids = all.stream().mapToInt(Movie::id).sorted().toArray();
    String movieIds = idDigest(ids);
    int missing = 0;
    for (int id : ids) {
      if (!index.contains(id)) {
        missing++;
      }
    }
    if (missing > 0 || index.size() != ids.length) {
      throw new BundleMismatchException(
          dir,
          String.format(
              "the index holds %,d movies, the movie store %,d movies (%,d of the store's movies"
                  + " have no vector in the index): the index was built from another catalogue",
              index.size(), ids.length, missing));
    }
    checkIndexIsTheRecallModels(dir, recall, index, all);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("movies", Integer.toString(ids.length));
    m.put("movie_ids", movieIds);
    f.put("movies", m);
    Map<String, String> i = new LinkedHashMap<>(m);
    i.put("dimension", Integer.toString(index.dimension()));
    i.put("recall_features", recall.features());
    f.put("index", i);
    int[] userIds = r.ownedUsers().ids().clone();
    Arrays.sort(userIds);
    Map<String, String> u = new LinkedHashMap<>();
    u.put("users", Integer.toString(userIds.length));
    u.put("user_ids", idDigest(userIds));
    u.put("catalogue_movie_ids", movieIds);
    f.put("users", u);
    return f;
  }

  /**
   * Refuses an index whose vectors the recall model did not make: for a few movies spread over the
   * catalogue, the index must hold the recall model's vector (searching it finds the movie itself
   * with a cosine of 1). At least half must, to allow for an approximate index missing one.
   */
  private static void checkIndexIsTheRecallModels(
      Path dir, RecallModel recall, VectorIndex index, List<Movie> all)
      throws BundleMismatchException {
    if (all.isEmpty()) {
      return;
    }
    List<Movie> sample = new ArrayList<>();
    int n = Math.min(PROBES, all.size());
    for (int j = 0; j < n; j++) {
      sample.add(all.get((int) ((long) j * all.size() / n)));
    }
    float[] v = recall.movieVectors(sample);
    int d = recall.vectorDimension();
    int same = 0;
    for (int j = 0; j < n; j++) {
      float[] q = Arrays.copyOfRange(v, j * d, (j + 1) * d);
      int id = sample.get(j).id();
      for (Neighbor hit : index.search(q, Math.min(10, all.size()))) {
        if (hit.id() == id && hit.score() >= SAME_VECTOR) {
          same++;
          break;
        }
      }
    }
    if (same * 2 < n) {
      throw new BundleMismatchException(
          dir,
          String.format(
              "the index's vectors were not made by this recall model (%s): for %d of %d sampled"
                  + " movies the index holds the vector the recall model gives; build the index"
                  + " with the recall model it is bundled with",
              recall.kind(), same, n));
    }
  }

  private static Map<String, String> features(String features, int dimension) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("features", features);
    if (dimension > 0) {
      f.put("dimension", Integer.toString(dimension));
    }
    return f;
  }

  /** A CRC-32C of sorted ids, as eight hex digits. */
  private static String idDigest(int[] sortedIds) {
    CRC32C crc = new CRC32C();
    ByteBuffer b = ByteBuffer.allocate(Integer.BYTES);
    for (int id : sortedIds) {
      b.clear();
      b.putInt(id);
      crc.update(b.array(), 0, Integer.BYTES);
    }
    return String.format("%08x", crc.getValue());
  }

  // ---- part digests ----

  /** A part's total size and CRC-32C. */
  private record Digest(long bytes, int crc) {}

  /**
   * The size and CRC-32C of a file, or of a directory's files (each file's path relative to the
   * directory, size and content, in path order); a symbolic link out of the bundle is refused.
   */
  private static Digest digest(Path dir, String role, Path part) throws IOException {
    checkNoEscapingLink(dir, role, part);
    CRC32C crc = new CRC32C();
    long bytes = 0;
    byte[] buf = new byte[1 << 16];
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(part, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> walk = Files.walk(part)) {
        walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
            .sorted()
            .forEach(files::add);
      }
    } else {
      files.add(part);
    }
    for (Path f : files) {
      checkNoEscapingLink(dir, role, f);
      if (!f.equals(part)) {
        crc.update(
            part.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        crc.update(0);
      }
      try (InputStream in = Files.newInputStream(f)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          crc.update(buf, 0, n);
          bytes += n;
        }
      }
    }
    return new Digest(bytes, (int) crc.getValue());
  }

  // ---- describe ----

  static Map<String, String> describe(Path dir) throws IOException {
    Manifest m = parseManifest(dir, readManifestBytes(dir));
    Map<String, String> d = new LinkedHashMap<>();
    d.put("kind", KIND);
    d.put("format_version", Integer.toString(m.version()));
    d.put("generation", Long.toString(m.generation()));
    if (!m.bundleId().isEmpty()) {
      d.put("bundle_id", m.bundleId());
    }
    d.put("candidates", Integer.toString(m.candidates()));
    Optional<Part> channelPart = m.part("channels");
    ChannelFile.@Nullable Contents channels =
        channelPart.isPresent() ? ChannelFile.read(dir.resolve(channelPart.get().name())) : null;
    Ordering ordering = channels == null ? Ordering.AUTO : channels.ordering();
    d.put(
        "ordering",
        ordering.name().toLowerCase(Locale.ROOT)
            + (ordering == Ordering.AUTO
                ? " (recall and watch order combined with a ranker that predicts watching, else"
                    + " recall score)"
                : "")
            + (channels == null ? " [saved before orderings existed]" : ""));
    if (channels != null && channels.newUserOrdering() != null) {
      d.put("new_user_ordering", channels.newUserOrdering().name().toLowerCase(Locale.ROOT));
    }
    d.put(
        "combination_weight",
        Double.toString(
            channels == null
                ? Recommender.DEFAULT_COMBINATION_WEIGHT
                : channels.combinationWeight()));
    StringBuilder names = new StringBuilder(Recommender.INDEX_CHANNEL + "=" + m.candidates());
    if (channels != null) {
      for (ChannelFile.Saved c : channels.channels()) {
        names.append(", ").append(c.name()).append('=').append(c.quota());
        if (c.channel() == null) {
          names.append(" (custom: attach on load)");
        }
      }
    }
    d.put("channels", names.toString());
    for (String role : ROLES) {
      Optional<Part> p = m.part(role);
      if (p.isEmpty()) {
        continue;
      }
      if (!p.get().kind().isEmpty()) {
        d.put(role + ".kind", p.get().kind());
      }
      d.put(role + ".path", dir.resolve(p.get().name()).toString());
      if (p.get().bytes() >= 0) {
        d.put(role + ".bytes", Long.toString(p.get().bytes()));
        d.put(role + ".crc32c", String.format("%08x", p.get().crc()));
      }
    }
    return d;
  }

  // ---- manifest ----

  /** Closes a part of a bundle that failed to load; an error closing it is added to {@code e}. */
  private static void closeSuppressed(Runnable close, Exception e) {
    try {
      close.run();
    } catch (RuntimeException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  private static void require(Object part, String what, String kind, String module) {
    if (part == null) {
      throw new IllegalStateException(
          "no loader on the class path for the "
              + what
              + " kind '"
              + kind
              + "' (add "
              + module
              + " to the class path)");
    }
  }

  /** The manifest of an existing bundle in {@code dir}, or null. */
  private static Manifest readManifestIfAny(Path dir) {
    try {
      return parseManifest(dir, readManifestBytes(dir));
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] readManifestBytes(Path dir) throws IOException {
    Path f = dir.resolve(MANIFEST);
    if (!Files.exists(f)) {
      throw new NoSuchFileException(
          f.toString(),
          null,
          "no recommender bundle here (save one with Recommender.save or movierec bundle)");
    }
    if (Files.size(f) > (1 << 20)) {
      throw new CorruptFileException(f, "too large for a manifest: " + Files.size(f) + " bytes");
    }
    return Files.readAllBytes(f);
  }

  private static byte[] readManifestBytesOrNull(Path dir) {
    try {
      return Files.readAllBytes(dir.resolve(MANIFEST));
    } catch (IOException e) {
      return null;
    }
  }

  private static Manifest parseManifest(Path dir, byte[] content) throws IOException {
    Path f = dir.resolve(MANIFEST);
    return VersionedFile.parse(
        f,
        content,
        KIND,
        OLDEST_VERSION,
        VERSION,
        (in, version) -> version == 1 ? readVersion1(in) : readVersion2(f, in));
  }

  private static Manifest readVersion1(DataInputStream in) throws IOException {
    long generation = in.readLong();
    int candidates = in.readInt();
    Map<String, Part> parts = new LinkedHashMap<>();
    String recallKind = in.readUTF();
    parts.put("recall", new Part("recall", recallKind, in.readUTF(), -1, 0, Map.of()));
    String rankKind = in.readUTF();
    String rankDir = in.readUTF();
    if (!rankKind.isEmpty()) {
      parts.put("rank", new Part("rank", rankKind, rankDir, -1, 0, Map.of()));
    }
    String indexKind = in.readUTF();
    parts.put("index", new Part("index", indexKind, in.readUTF(), -1, 0, Map.of()));
    parts.put("movies", new Part("movies", "", in.readUTF(), -1, 0, Map.of()));
    parts.put("users", new Part("users", "", in.readUTF(), -1, 0, Map.of()));
    return new Manifest(1, generation, "", candidates, parts);
  }

  private static Manifest readVersion2(Path f, DataInputStream in) throws IOException {
    long generation = in.readLong();
    String bundleId = in.readUTF();
    int candidates = in.readInt();
    int count = in.readInt();
    if (count < 4 || count > ROLES.size()) {
      throw new CorruptFileException(f, "lists " + count + " parts, expected 4 to 6");
    }
    Map<String, Part> parts = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String role = in.readUTF();
      if (!ROLES.contains(role) || parts.containsKey(role)) {
        throw new CorruptFileException(f, "unknown or repeated part role '" + role + "'");
      }
      String kind = in.readUTF();
      String name = in.readUTF();
      long bytes = in.readLong();
      int crc = in.readInt();
      int entries = in.readInt();
      if (entries < 0 || entries > MAX_FINGERPRINT_ENTRIES) {
        throw new CorruptFileException(
            f, "the " + role + " part's fingerprint has " + entries + " entries");
      }
      Map<String, String> fingerprint = new LinkedHashMap<>();
      for (int e = 0; e < entries; e++) {
        fingerprint.put(in.readUTF(), in.readUTF());
      }
      parts.put(role, new Part(role, kind, name, bytes, crc, fingerprint));
    }
    for (String role : List.of("recall", "index", "movies", "users")) {
      if (!parts.containsKey(role)) {
        throw new CorruptFileException(f, "names no " + role + " part");
      }
    }
    if (candidates < 1) {
      throw new CorruptFileException(f, "candidates must be at least 1, got " + candidates);
    }
    return new Manifest(2, generation, bundleId, candidates, parts);
  }

  private static void deleteOtherGenerations(Path dir, Set<String> keep) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        boolean ours = PART_NAME.matcher(name).matches();
        // Temporaries of a save that crashed (AtomicFiles names them ".NAME.tmp-UUID").
        boolean leftover = name.startsWith(".") && name.contains(".tmp-");
        if ((ours && !keep.contains(name)) || leftover) {
          AtomicFiles.deleteRecursively(p);
        }
      }
    }
  }
}
