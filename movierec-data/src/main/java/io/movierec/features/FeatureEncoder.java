package io.movierec.features;

import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SlotSchema} and a {@link FeatureHasher} together: turns users and movies into the
 * feasign ids the models read. The training samples, the models and the online recommender all
 * encode through one of these, so a user is hashed the same way everywhere. Immutable and
 * thread-safe.
 *
 * <p>A user is encoded into {@link SlotSchema#userWidth()} ids, a movie into {@link
 * SlotSchema#movieWidth()} ids, slot after slot; each slot keeps its first {@link Slot#length()}
 * values and pads the rest with 0.
 */
public final class FeatureEncoder {

  private final SlotSchema schema;
  private final FeatureHasher hasher;

  /** An encoder for this schema and hasher. */
  public FeatureEncoder(SlotSchema schema, FeatureHasher hasher) {
    this.schema = checkNotNull(schema, "schema");
    this.hasher = checkNotNull(hasher, "hasher");
  }

  /** PaddleRec's schema with the given hasher. */
  public static FeatureEncoder paddleRec(FeatureHasher hasher) {
    return new FeatureEncoder(SlotSchema.paddleRec(), hasher);
  }

  /** The slots. */
  public SlotSchema schema() {
    return schema;
  }

  /** The hash. */
  public FeatureHasher hasher() {
    return hasher;
  }

  /** The ids of a known user, without history. */
  public int[] encodeUser(User user) {
    return encodeUser(UserContext.of(user));
  }

  /**
   * The ids of a brand-new user who gave only demographics: the id slot is padding (0), the
   * demographic slots are hashed as for any user.
   */
  public int[] encodeNewUser(UserProfile profile) {
    return encodeUser(UserContext.newUser(profile));
  }

  /** The ids of a user in context (with history, if the schema reads it). */
  public int[] encodeUser(UserContext user) {
    int[] ids = new int[schema.userWidth()];
    encodeUser(user, ids, 0);
    return ids;
  }

  /** The ids of a movie. */
  public int[] encodeMovie(Movie movie) {
    int[] ids = new int[schema.movieWidth()];
    encodeMovie(movie, ids, 0);
    return ids;
  }

  /** Writes a user's {@link SlotSchema#userWidth()} ids into {@code dst} from {@code offset}. */
  public void encodeUser(UserContext user, int[] dst, int offset) {
    checkNotNull(user, "user");
    List<String> values = new ArrayList<>(8);
    int pos = offset;
    for (Slot slot : schema.userSlots()) {
      values.clear();
      slot.feature().userValues(user, values);
      pos = put(slot, values, dst, pos);
    }
  }

  /** Writes a movie's {@link SlotSchema#movieWidth()} ids into {@code dst} from {@code offset}. */
  public void encodeMovie(Movie movie, int[] dst, int offset) {
    List<String> values = new ArrayList<>(8);
    int pos = offset;
    for (Slot slot : schema.movieSlots()) {
      values.clear();
      slot.feature().movieValues(movie, values);
      pos = put(slot, values, dst, pos);
    }
  }

  private int put(Slot slot, List<String> values, int[] dst, int pos) {
    int n = Math.min(values.size(), slot.length());
    for (int i = 0; i < n; i++) {
      dst[pos + i] = hasher.hash(slot.name(), values.get(i));
    }
    for (int i = n; i < slot.length(); i++) {
      dst[pos + i] = 0;
    }
    return pos + slot.length();
  }

  /** {@code schema} and {@code hasher} specs, for logs and saved metadata. */
  @Override
  public String toString() {
    return "FeatureEncoder[schema=" + schema.spec() + ", hasher=" + hasher.spec() + "]";
  }
}
