package io.kommosync.xero.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.ChangeCursor;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Positions in Xero's invoice changes")
class ChangePositionTest {

    private static final Instant T = Instant.parse("2025-03-10T09:30:00.750Z");

    @Test
    @DisplayName("start from a since-cursor at page 1, truncated to seconds")
    void startsFromSince() {
        ChangePosition p = ChangePosition.of(ChangeCursor.since(T)).orElseThrow();
        assertThat(p).isEqualTo(new ChangePosition(Instant.parse("2025-03-10T09:30:00Z"), 1));
    }

    @Test
    @DisplayName("survive being written to a cursor and read back")
    void roundTrip() {
        ChangePosition p = new ChangePosition(T, 3);
        assertThat(ChangePosition.of(p.cursor())).hasValue(p);
        assertThat(ChangePosition.of(new ChangeCursor("sage:abc"))).isEmpty();
        assertThat(ChangePosition.of(new ChangeCursor("xero:abc:1"))).isEmpty();
    }

    @Test
    @DisplayName("turn the page when a full page did not move the anchor forward")
    void turnsThePage() {
        ChangePosition p = new ChangePosition(T, 1);
        assertThat(p.after(2, 2, Optional.of(T))).isEqualTo(new ChangePosition(T, 2));
    }

    @Test
    @DisplayName("re-anchor at the last change less one second, page 1, when that moves forward")
    void reAnchors() {
        ChangePosition p = new ChangePosition(T, 4);
        Instant last = T.plusSeconds(90);
        assertThat(p.after(2, 2, Optional.of(last))).isEqualTo(new ChangePosition(last.minusSeconds(1), 1));
    }

    @Test
    @DisplayName("after the last page, keep the anchor for the next reading and go back to page 1")
    void endsAtPageOne() {
        assertThat(new ChangePosition(T, 3).after(0, 2, Optional.empty())).isEqualTo(new ChangePosition(T, 1));
        assertThat(new ChangePosition(T, 1).after(1, 2, Optional.of(T.plusSeconds(60))))
                .isEqualTo(new ChangePosition(T.plusSeconds(59), 1));
    }
}
