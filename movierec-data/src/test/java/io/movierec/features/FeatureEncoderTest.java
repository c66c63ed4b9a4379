package io.movierec.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

  private final PaddleRecHasher h = new PaddleRecHasher();
  private final FeatureEncoder encoder = FeatureEncoder.paddleRec(h);
  private final User user =
      User.of(1, Gender.FEMALE, AgeBucket.UNDER_18, Occupation.K12_STUDENT, "48067");

  @Test
  void encodesAKnownUserSlotBySlot() {
    assertThat(encoder.encodeUser(user))
        .containsExactly(
            h.hash("userid", "1"),
            h.hash("gender", "F"),
            h.hash("age", "1"),
            h.hash("occupation", "10"));
  }

  @Test
  void encodesANewUserWithAPaddedIdSlot() {
    int[] ids =
        encoder.encodeNewUser(
            new UserProfile(Gender.FEMALE, AgeBucket.UNDER_18, Occupation.K12_STUDENT));
    assertThat(ids[0]).isZero();
    assertThat(ids).containsSubsequence(h.hash("gender", "F"), h.hash("occupation", "10"));
  }

  @Test
  void splitsTheTitleOnSpacesWithTheYearAsAWordAndPadsToFour() {
    Movie m =
        Movie.of(1, "Toy Story (1995)", List.of(Genre.ANIMATION, Genre.CHILDRENS, Genre.COMEDY));
    assertThat(encoder.encodeMovie(m))
        .containsExactly(
            h.hash("movieid", "1"),
            h.hash("title", "Toy"),
            h.hash("title", "Story"),
            h.hash("title", "(1995)"),
            0,
            h.hash("genres", "Animation"),
            h.hash("genres", "Children's"),
            h.hash("genres", "Comedy"));
  }

  @Test
  void keepsOnlyTheFirstFourTitleWords() {
    Movie m = Movie.of(2, "One Flew Over the Cuckoo's Nest (1975)", List.of(Genre.DRAMA));
    int[] ids = encoder.encodeMovie(m);
    assertThat(ids[4]).isEqualTo(h.hash("title", "the"));
    assertThat(ids[6]).isEqualTo(0); // only one genre: padding follows
  }

  @Test
  void encodesACrossOfAgeAndOccupation() {
    FeatureEncoder crossed =
        new FeatureEncoder(
            SlotSchema.paddleRec().withSlot(Slot.of(new Cross(Field.AGE, Field.OCCUPATION), 1)), h);
    assertThat(crossed.encodeUser(user)[4]).isEqualTo(h.hash("age_occupation", "1_10"));
  }

  @Test
  void encodesTheMostRecentHistoryAndScoresFirst() {
    FeatureEncoder enc =
        new FeatureEncoder(SlotSchema.parse("userid,history/2:mean,ratings/3,movieid"), h);
    int[] ids =
        enc.encodeUser(
            io.movierec.domain.UserContext.of(
                user, new int[] {9, 8, 7}, new float[] {5f, 3.5f, 1f}));
    assertThat(ids)
        .containsExactly(
            h.hash("userid", "1"),
            h.hash("history", "9"),
            h.hash("history", "8"),
            h.hash("ratings", "5"),
            h.hash("ratings", "3.5"),
            h.hash("ratings", "1"));
  }

  @Test
  void padsTheHistorySlotsOfANewUser() {
    FeatureEncoder enc = new FeatureEncoder(SlotSchema.parse("userid,gender,history/2,movieid"), h);
    assertThat(enc.encodeNewUser(UserProfile.of("F", 25, 1)))
        .containsExactly(0, h.hash("gender", "F"), 0, 0);
  }

  @Test
  void padsDemographicSlotsOfAUserWithoutProfile() {
    assertThat(encoder.encodeUser(User.withoutProfile(7)))
        .containsExactly(h.hash("userid", "7"), 0, 0, 0);
  }
}
