package io.kommosync.xero.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Xero's date formats")
class XeroDatesTest {

    @Test
    @DisplayName("read MS-JSON dates with and without an offset")
    void readsMsJson() {
        assertThat(XeroDates.instant("/Date(1539993600000+0000)/")).hasValue(Instant.parse("2018-10-20T00:00:00Z"));
        assertThat(XeroDates.instant("/Date(1552326816230)/")).hasValue(Instant.parse("2019-03-11T17:53:36.230Z"));
        assertThat(XeroDates.date("/Date(1539993600000+0000)/")).hasValue(LocalDate.of(2018, 10, 20));
    }

    @Test
    @DisplayName("read date strings, ISO dates and date-times")
    void readsIso() {
        assertThat(XeroDates.date("2018-10-20T00:00:00")).hasValue(LocalDate.of(2018, 10, 20));
        assertThat(XeroDates.date("2018-10-20")).hasValue(LocalDate.of(2018, 10, 20));
        assertThat(XeroDates.instant("2026-06-21T01:15:39.902")).hasValue(Instant.parse("2026-06-21T01:15:39.902Z"));
        assertThat(XeroDates.instant("2020-02-06T12:17:43.202-08:00"))
                .hasValue(Instant.parse("2020-02-06T20:17:43.202Z"));
    }

    @Test
    @DisplayName("answer empty for nothing or garbage")
    void toleratesGarbage() {
        assertThat(XeroDates.instant(null)).isEmpty();
        assertThat(XeroDates.instant("yesterday")).isEmpty();
        assertThat(XeroDates.date("2018-13-45")).isEmpty();
    }
}
