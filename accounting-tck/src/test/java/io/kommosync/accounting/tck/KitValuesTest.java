package io.kommosync.accounting.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.accounting.spi.DimensionType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KitValuesTest {

    @Test
    @DisplayName("a mutable clock stands still until moved, and its zoned copies move with it")
    void mutableClock() {
        MutableClock clock = MutableClock.at(Instant.parse("2025-01-31T23:30:00Z"), ZoneOffset.UTC);
        MutableClock tokyo = clock.withZone(ZoneId.of("Asia/Tokyo"));
        assertThat(clock.today()).isEqualTo(LocalDate.of(2025, 1, 31));
        assertThat(tokyo.today()).isEqualTo(LocalDate.of(2025, 2, 1));
        clock.advance(Duration.ofDays(1));
        assertThat(tokyo.instant()).isEqualTo(Instant.parse("2025-02-01T23:30:00Z"));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set(instant)");
    }

    @Test
    @DisplayName("the canonical ledger builder names every missing setting at once")
    void canonicalLedgerBuilderListsMissingSettings() {
        assertThatThrownBy(() -> CanonicalLedger.builder().revenueAccounts("200", "201").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expenseAccount(code)")
                .hasMessageContaining("inactiveRevenueAccount(code)")
                .hasMessageContaining("taxCodes(standard, zero)")
                .hasMessageContaining("unknownInvoiceId(id)");
    }

    @Test
    @DisplayName("the canonical ledger needs four different account codes and two different tax codes")
    void canonicalLedgerRejectsSharedCodes() {
        CanonicalLedger.Builder b = CanonicalLedger.builder().revenueAccounts("200", "201").expenseAccount("400")
                .inactiveRevenueAccount("200").taxCodes("OUTPUT2", "ZERORATEDOUTPUT")
                .unknownInvoiceId("00000000-0000-0000-0000-000000000000");
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("four different codes");
        CanonicalLedger ok = b.inactiveRevenueAccount("299").dimension(DimensionType.TRACKING_1, "North", "South").build();
        assertThat(ok.currency().getCurrencyCode()).isEqualTo("GBP");
        assertThat(ok.dimension()).hasValueSatisfying(d -> assertThat(d.otherValueId()).isEqualTo("South"));
    }

    @Test
    @DisplayName("simulated failures accept only the statuses they stand for")
    void simulatedFailuresCheckTheirStatus() {
        assertThat(SimulatedFailure.rateLimited(Duration.ofSeconds(7)).httpStatus()).hasValue(429);
        assertThat(SimulatedFailure.validation(422, "reference").kind()).isEqualTo(SimulatedFailure.Kind.VALIDATION);
        assertThat(SimulatedFailure.lostResponse().httpStatus()).isEmpty();
        assertThatThrownBy(() -> SimulatedFailure.serverError(404)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatedFailure.validation(409, "reference")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatedFailure.rateLimited(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole");
    }

    @Test
    @DisplayName("port operations are named after the AccountingPort methods")
    void portOperationsMatchMethods() {
        for (PortOperation op : PortOperation.values()) {
            assertThat(java.util.Arrays.stream(io.kommosync.accounting.spi.AccountingPort.class.getMethods())
                    .map(java.lang.reflect.Method::getName)).as(op.toString()).contains(op.methodName());
            assertThat(PortOperation.ofMethodName(op.methodName())).isSameAs(op);
        }
        assertThatThrownBy(() -> PortOperation.ofMethodName("deleteEverything")).isInstanceOf(IllegalArgumentException.class);
    }
}
