package io.movierec.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotSchemaTest {

  @Test
  void paddleRecSchemaHasTheReferenceSlotsAndLengths() {
    SlotSchema s = SlotSchema.paddleRec();
    assertThat(s.spec()).isEqualTo("userid,gender,age,occupation,movieid,title/4,genres/3");
    assertThat(s.userWidth()).isEqualTo(4);
    assertThat(s.movieWidth()).isEqualTo(8);
  }

  @Test
  void placesAnAddedUserSlotBeforeTheMovieSlots() {
    SlotSchema s =
        SlotSchema.paddleRec()
            .withSlot(Slot.of(Field.YEAR, 1))
            .withSlot(Slot.of(new Cross(Field.AGE, Field.OCCUPATION), 1));
    assertThat(s.slots())
        .extracting(Slot::name)
        .containsExactly(
            "userid",
            "gender",
            "age",
            "occupation",
            "age_occupation",
            "movieid",
            "title",
            "genres",
            "year");
    assertThat(s.userWidth()).isEqualTo(5);
    assertThat(s.movieWidth()).isEqualTo(9);
  }

  @Test
  void readsBackItsOwnSpec() {
    SlotSchema s =
        SlotSchema.paddleRec()
            .withSlot(new Slot("ageocc", new Cross(Field.AGE, Field.OCCUPATION), 2))
            .withSlot(Slot.of(Field.YEAR, 1));
    assertThat(SlotSchema.parse(s.spec())).isEqualTo(s);
  }

  @Test
  void readsMeanPoolingAndKnowsHowMuchHistoryItNeeds() {
    SlotSchema s = SlotSchema.parse("userid,history/10:mean,ratings/5,movieid");
    assertThat(s.userSlots().get(1).pooling()).isEqualTo(Pooling.MEAN);
    assertThat(s.historyLength()).isEqualTo(10);
    assertThat(SlotSchema.parse(s.spec())).isEqualTo(s);
    assertThat(SlotSchema.paddleRec().usesHistory()).isFalse();
  }

  @Test
  void rejectsAnUnknownPooling() {
    assertThatThrownBy(() -> SlotSchema.parse("userid,history/3:max,movieid"))
        .hasMessageContaining("pooling must be sum or mean, got 'max'");
  }

  @Test
  void rejectsASlotThatAppearsTwice() {
    assertThatThrownBy(() -> SlotSchema.paddleRec().withSlot(Slot.of(Field.TITLE, 2)))
        .hasMessageContaining("slot title appears twice");
  }

  @Test
  void rejectsACrossOfAUserAndAMovieField() {
    assertThatThrownBy(() -> SlotSchema.parse("userid,movieid,x=age*genres"))
        .hasMessageContaining("schema entry 'x=age*genres'")
        .hasMessageContaining("same side");
  }

  @Test
  void rejectsAnUnknownFeature() {
    assertThatThrownBy(() -> SlotSchema.parse("userid,movieid,budget"))
        .hasMessageContaining("unknown feature 'budget'");
  }

  @Test
  void rejectsASchemaWithoutMovieSlots() {
    assertThatThrownBy(() -> SlotSchema.parse("userid,gender"))
        .hasMessageContaining("at least one movie slot");
  }
}
