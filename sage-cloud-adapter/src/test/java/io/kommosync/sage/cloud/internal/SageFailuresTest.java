package io.kommosync.sage.cloud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Request;
import feign.RetryableException;
import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.ConflictException;
import io.kommosync.accounting.spi.FieldError;
import io.kommosync.accounting.spi.NotFoundException;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.client.oauth.ReauthorizationRequiredException;
import io.kommosync.client.oauth.TokenRefreshException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SageFailuresTest {

    private static SageHttpFailure http(int status, SageWire.Error... errors) {
        return new SageHttpFailure(status, List.of(errors), status == 429 ? Duration.ofSeconds(30) : null, "req-1",
                null);
    }

    private static SageWire.Error error(String code, String message, String source) {
        return new SageWire.Error("error", code, message, source);
    }

    @ParameterizedTest(name = "HTTP {0} becomes {1}, retryable {2}")
    @CsvSource({
        "400, ValidationException, false",
        "401, AuthenticationException, false",
        "403, AuthenticationException, false",
        "404, NotFoundException, false",
        "405, ValidationException, false",
        "408, TransientAccountingException, true",
        "409, ConflictException, false",
        "415, ValidationException, false",
        "422, ValidationException, false",
        "429, RateLimitedException, true",
        "500, TransientAccountingException, true",
        "503, TransientAccountingException, true"
    })
    void mapsEachStatusOntoTheSpiTree(int status, String type, boolean retryable) {
        AccountingException e = SageFailures.translate("createInvoice", http(status));
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.providerId()).isEqualTo("sage-cloud");
        assertThat(e.operation()).isEqualTo("createInvoice");
        assertThat(e.httpStatus()).hasValue(status);
        assertThat(e.vendorRequestId()).contains("req-1");
    }

    @Test
    void turnsEachEntryOfA422IntoAFieldError() {
        ValidationException e = (ValidationException) SageFailures.translate("createInvoice", http(422,
                error("RecordInvalid", "can't be blank", "contact_id"),
                error("RecordInvalid", "is not in the chart", "invoice_lines[0].ledger_account_id")));
        assertThat(e.fieldErrors()).containsExactly(
                new FieldError("contact_id", "can't be blank", "RecordInvalid"),
                new FieldError("invoice_lines[0].ledger_account_id", "is not in the chart", "RecordInvalid"));
        assertThat(e.getMessage()).contains("contact_id: can't be blank (RecordInvalid)");
    }

    @Test
    void keepsTheRetryAfterOfA429() {
        RateLimitedException e = (RateLimitedException) SageFailures.translate("invoice", http(429));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.window()).isEqualTo(RateLimitedException.Window.SHORT);
    }

    @Test
    void readsALostGrantAsAuthenticationAndAFailedRefreshByItsRetryability() {
        assertThat(SageFailures.translate("invoice", new ReauthorizationRequiredException("c1", "invalid_grant")))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("authorised again");
        assertThat(SageFailures.translate("invoice", new TokenRefreshException("HTTP 503", true, null)))
                .isInstanceOf(TransientAccountingException.class);
        assertThat(SageFailures.translate("invoice", new TokenRefreshException("invalid_client", false, null)))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void readsAnIoFailureAsTransient() {
        Request request = Request.create(Request.HttpMethod.POST, "https://api.accounting.sage.com/v3.1/sales_invoices",
                Map.of(), null, StandardCharsets.UTF_8, null);
        RetryableException io = new RetryableException(-1, "Read timed out", Request.HttpMethod.POST, (Long) null,
                request);
        assertThat(SageFailures.translate("createInvoice", io)).isInstanceOf(TransientAccountingException.class)
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void classifiesOnlyTransientFailuresAsRetryable() {
        SageFailures classifier = new SageFailures();
        assertThat(classifier.isRetryable(http(503))).isTrue();
        assertThat(classifier.isRetryable(http(429))).isTrue();
        assertThat(classifier.isRetryable(http(422))).isFalse();
        assertThat(classifier.isRetryable(http(401))).isFalse();
        assertThat(classifier.retryAfter(http(429))).contains(Duration.ofSeconds(30));
    }

    @Test
    void passesOnExceptionsThatAreAlreadyTyped() {
        ConflictException conflict = new ConflictException(SageFailures.context("voidInvoice"), "paid");
        assertThat(SageFailures.translate("voidInvoice", conflict)).isSameAs(conflict);
        assertThat(SageFailures.translate("invoice", http(404))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> SageFailures.translate("invoice", new IllegalStateException("bug")))
                .isInstanceOf(IllegalStateException.class);
    }
}
