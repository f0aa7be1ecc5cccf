package io.kommosync.sage.cloud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.ChangeCursor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangesCursorTest {

    private static final Instant AT = Instant.parse("2025-03-10T09:30:00Z");

    @Test
    void readsTheSpiStartingCursorAsPageOne() {
        assertThat(ChangesCursor.decode(ChangeCursor.since(AT))).contains(new ChangesCursor(AT, 1));
    }

    @Test
    void survivesARoundTripThroughItsEncoding() {
        ChangesCursor cursor = new ChangesCursor(AT.plusSeconds(61), 3);
        assertThat(cursor.encode().value()).isEqualTo("sage-cloud;since=2025-03-10T09:31:01Z;page=3");
        assertThat(ChangesCursor.decode(cursor.encode())).contains(cursor);
    }

    @Test
    void rejectsCursorsItDidNotMake() {
        assertThat(ChangesCursor.decode(new ChangeCursor("xero:offset=5"))).isEmpty();
        assertThat(ChangesCursor.decode(new ChangeCursor("sage-cloud;since=yesterday;page=1"))).isEmpty();
        assertThat(ChangesCursor.decode(new ChangeCursor("sage-cloud;since=2025-03-10T09:30:00Z;page=0"))).isEmpty();
    }
}
