package io.kommosync.xero.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.ConflictException;
import io.kommosync.accounting.spi.NotFoundException;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.client.http.JsonMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Mapping Xero's failures")
class XeroFailuresTest {

    private final XeroFailures failures = new XeroFailures(JsonMapper.create());

    private AccountingException map(int status, String body, String problem, Duration retryAfter) {
        return failures.map("createInvoice", new XeroHttpException(status, body, "corr-1", problem, retryAfter, null))
                .orElseThrow();
    }

    @ParameterizedTest(name = "\"{0}\" names {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Account code '299' has been archived, or has been deleted.|LineItems.AccountCode",
        "The TaxType code TAX9 cannot be used with account code 200.|LineItems.TaxType",
        "reference is not valid|Reference",
        "The contact name Acme is already assigned to another contact.|Name",
        "The contact with ContactID x could not be found.|Contact",
        "Due Date must be on or after the invoice date.|DueDate",
        "Organisation is not subscribed to currency XYZ.|CurrencyCode",
        "Invoice # must be unique.|InvoiceNumber",
        "Tracking option 'East' does not exist.|LineItems.Tracking",
        "Email address must be valid.|EmailAddress",
        "Something unheard of.|\"\""})
    @DisplayName("finds the field a validation message speaks of")
    void guessesFields(String message, String field) {
        assertThat(XeroFailures.field(message)).isEqualTo(field);
    }

    @Test
    @DisplayName("maps a 400 ValidationException with its elements' messages to field errors")
    void mapsValidation() {
        AccountingException e = map(400, "{\"ErrorNumber\":10,\"Type\":\"ValidationException\",\"Message\":\"A "
                + "validation exception occurred\",\"Elements\":[{\"ValidationErrors\":[{\"Message\":\"Account code "
                + "'9' is not a valid code for this document.\"}]}]}", null, null);
        assertThat(e).isInstanceOfSatisfying(ValidationException.class, v -> {
            assertThat(v.fieldErrors()).singleElement().satisfies(f -> {
                assertThat(f.field()).isEqualTo("Invoices[0].LineItems.AccountCode");
                assertThat(f.code()).isEqualTo("ValidationException");
            });
            assertThat(v.httpStatus()).hasValue(400);
            assertThat(v.vendorRequestId()).hasValue("corr-1");
            assertThat(v.operation()).isEqualTo("createInvoice");
        });
    }

    @Test
    @DisplayName("maps a QueryParseException to a field error on where")
    void mapsQueryParse() {
        AccountingException e = map(400, "{\"ErrorNumber\":16,\"Type\":\"QueryParseException\",\"Message\":\"Syntax "
                + "error\"}", null, null);
        assertThat(((ValidationException) e).fieldErrors()).extracting(f -> f.field()).containsExactly("where");
    }

    @Test
    @DisplayName("tells the daily, minute and concurrency 429s apart")
    void mapsRateLimits() {
        assertThat(((RateLimitedException) map(429, "", "day", Duration.ofHours(5))).window())
                .isEqualTo(RateLimitedException.Window.DAILY);
        assertThat(((RateLimitedException) map(429, "", "Minute", Duration.ofSeconds(7))).window())
                .isEqualTo(RateLimitedException.Window.SHORT);
        assertThat(((RateLimitedException) map(429, "", "appminute", null)).window())
                .isEqualTo(RateLimitedException.Window.SHORT);
        assertThat(((RateLimitedException) map(429, "", "concurrent", Duration.ofSeconds(1))).window())
                .isEqualTo(RateLimitedException.Window.CONCURRENCY);
        assertThat(map(429, "", "Minute", Duration.ofSeconds(7)).retryAfter()).hasValue(Duration.ofSeconds(7));
    }

    @Test
    @DisplayName("maps 401/403, 404, 409, 5xx and an HTML page")
    void mapsStatuses() {
        assertThat(map(401, "{\"Title\":\"Unauthorized\",\"Detail\":\"TokenExpired\"}", null, null))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("TokenExpired");
        assertThat(map(403, "", null, null)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("accounting.settings");
        assertThat(map(404, "The resource you're looking for cannot be found", null, null))
                .isInstanceOf(NotFoundException.class);
        assertThat(map(409, "", null, null)).isInstanceOf(ConflictException.class);
        assertThat(map(503, "<html><body>Service Unavailable</body></html>", null, null))
                .isInstanceOf(TransientAccountingException.class).hasMessageContaining("503");
        assertThat(map(400, "<html>Bad Request</html>", null, null)).isInstanceOf(ValidationException.class);
    }

    @Test
    @DisplayName("leaves programming errors alone")
    void leavesProgrammingErrors() {
        assertThat(failures.map("invoice", new IllegalStateException("bug"))).isEmpty();
        assertThat(failures.map("invoice", new ClientThrottledException(RateLimitedException.Window.DAILY,
                Duration.ofHours(1), "parked"))).hasValueSatisfying(e -> assertThat(e)
                .isInstanceOf(RateLimitedException.class));
        assertThat(XeroFailures.fieldErrors(null, "Invoices[0].", "x")).isEqualTo(List.of());
    }
}
