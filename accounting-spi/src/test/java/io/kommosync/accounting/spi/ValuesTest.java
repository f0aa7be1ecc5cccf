package io.kommosync.accounting.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SPI values")
class ValuesTest {

    private static final Currency GBP = Currency.getInstance("GBP");

    private static InvoiceLine line(String qty, String price, Discount discount, String tax) {
        return new InvoiceLine("Item", new BigDecimal(qty), new BigDecimal(price), discount, "4000", tax,
                Dimensions.none(), Optional.empty());
    }

    private static InvoiceDraft draft(List<InvoiceLine> lines) {
        return new InvoiceDraft("C1", GBP, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), "deal-1", lines,
                Dimensions.none(), InvoiceDraft.Approval.APPROVED, Optional.empty());
    }

    @Nested
    @DisplayName("invoice arithmetic")
    class Arithmetic {

        private final ChartOfAccounts chart = ChartOfAccounts.of(
                List.of(LedgerAccount.of("a1", "4000", "Sales", AccountType.REVENUE)),
                List.of(new TaxRate("t20", "STD", "Standard", new BigDecimal("20"), true),
                        new TaxRate("t5", "RED", "Reduced", new BigDecimal("5"), true)));

        @Test
        @DisplayName("totals are exact to the cent: net rounded per line, tax per line, then summed")
        void totalsExact() {
            InvoiceDraft d = draft(List.of(
                    line("3", "33.335", Discount.none(), "STD"),          // 100.005 -> 100.01, tax 20.00
                    line("1.5", "10.00", Discount.percent(new BigDecimal("10")), "RED"), // 13.50, tax 0.675->0.68
                    line("2", "0.10", Discount.amount(new BigDecimal("0.05")), "STD")));  // 0.15, tax 0.03
            InvoiceTotals t = d.totals(chart);
            assertThat(t.net()).isEqualTo(Money.of("113.66", "GBP"));
            assertThat(t.tax()).isEqualTo(Money.of("20.71", "GBP"));
            assertThat(t.total()).isEqualTo(Money.of("134.37", "GBP"));
        }

        @Test
        @DisplayName("a discount never takes a line below zero")
        void discountCapped() {
            assertThat(line("1", "5", Discount.amount(new BigDecimal("9")), "STD").netAmount(GBP))
                    .isEqualByComparingTo("0");
        }

        @Test
        @DisplayName("a tax code missing from the chart is named")
        void missingTaxCode() {
            assertThatThrownBy(() -> draft(List.of(line("1", "1", Discount.none(), "ZERO"))).totals(chart))
                    .hasMessageContaining("tax code ZERO");
        }

        @Test
        @DisplayName("a zero-decimal currency rounds to whole units")
        void yen() {
            assertThat(line("1", "100.5", Discount.none(), "STD").netAmount(Currency.getInstance("JPY")))
                    .isEqualByComparingTo("101");
        }

        @Test
        @DisplayName("money of different currencies cannot be added")
        void currencyMismatch() {
            assertThatThrownBy(() -> Money.of("1", "GBP").plus(Money.of("1", "EUR")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GBP").hasMessageContaining("EUR");
        }
    }

    @Nested
    @DisplayName("drafts reject what no ledger would accept")
    class DraftValidation {

        @Test
        @DisplayName("no lines, due before issue, a blank or long reference, a non-positive quantity")
        void rejects() {
            assertThatThrownBy(() -> draft(List.of())).hasMessageContaining("no lines");
            InvoiceLine ok = line("1", "1", Discount.none(), "STD");
            assertThatThrownBy(() -> new InvoiceDraft("C1", GBP, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1),
                    "r", List.of(ok), Dimensions.none(), InvoiceDraft.Approval.DRAFT, Optional.empty()))
                    .hasMessageContaining("before the issue date");
            assertThatThrownBy(() -> new InvoiceDraft("C1", GBP, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1),
                    "x".repeat(51), List.of(ok), Dimensions.none(), InvoiceDraft.Approval.DRAFT, Optional.empty()))
                    .hasMessageContaining("1 to 50 characters");
            assertThatThrownBy(() -> line("0", "1", Discount.none(), "STD")).hasMessageContaining("quantity must be positive");
            assertThatThrownBy(() -> Discount.percent(new BigDecimal("101"))).hasMessageContaining("cannot exceed 100");
        }

        @Test
        @DisplayName("lists are copied, so a caller cannot change a draft afterwards")
        void copies() {
            List<InvoiceLine> lines = new java.util.ArrayList<>(List.of(line("1", "1", Discount.none(), "STD")));
            InvoiceDraft d = draft(lines);
            lines.clear();
            assertThat(d.lines()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("status normalisation")
    class Status {

        private final LocalDate due = LocalDate.of(2026, 3, 31);

        @Test
        @DisplayName("an open invoice past due with money owed is overdue")
        void overdue() {
            assertThat(InvoiceStatus.derive(InvoiceStatus.AWAITING_PAYMENT, due, BigDecimal.TEN, due.plusDays(1)))
                    .isEqualTo(InvoiceStatus.OVERDUE);
            assertThat(InvoiceStatus.derive(InvoiceStatus.PARTIALLY_PAID, due, BigDecimal.ONE, due.plusDays(9)))
                    .isEqualTo(InvoiceStatus.OVERDUE);
        }

        @Test
        @DisplayName("on the due date, when paid, voided, a draft or owing nothing, the status stays")
        void notOverdue() {
            assertThat(InvoiceStatus.derive(InvoiceStatus.AWAITING_PAYMENT, due, BigDecimal.TEN, due))
                    .isEqualTo(InvoiceStatus.AWAITING_PAYMENT);
            assertThat(InvoiceStatus.derive(InvoiceStatus.PAID, due, BigDecimal.ZERO, due.plusDays(5)))
                    .isEqualTo(InvoiceStatus.PAID);
            assertThat(InvoiceStatus.derive(InvoiceStatus.VOID, due, BigDecimal.TEN, due.plusDays(5)))
                    .isEqualTo(InvoiceStatus.VOID);
            assertThat(InvoiceStatus.derive(InvoiceStatus.DRAFT, due, BigDecimal.TEN, due.plusDays(5)))
                    .isEqualTo(InvoiceStatus.DRAFT);
            assertThat(InvoiceStatus.derive(InvoiceStatus.AWAITING_PAYMENT, due, BigDecimal.ZERO, due.plusDays(5)))
                    .isEqualTo(InvoiceStatus.AWAITING_PAYMENT);
        }
    }

    @Nested
    @DisplayName("idempotency keys")
    class Keys {

        @Test
        @DisplayName("derive is deterministic, 32 hex characters, and sensitive to part boundaries")
        void derive() {
            IdempotencyKey a = IdempotencyKey.derive("conn", "deal-1", "raise");
            assertThat(a).isEqualTo(IdempotencyKey.derive("conn", "deal-1", "raise"));
            assertThat(a.value()).matches("[0-9a-f]{32}");
            assertThat(IdempotencyKey.derive("ab", "c")).isNotEqualTo(IdempotencyKey.derive("a", "bc"));
            assertThat(a.forStep("customer")).isNotEqualTo(a).isEqualTo(a.forStep("customer"));
        }

        @Test
        @DisplayName("a key with spaces or over 64 characters is rejected with the fix")
        void rejects() {
            assertThatThrownBy(() -> new IdempotencyKey("a b")).hasMessageContaining("IdempotencyKey.derive");
            assertThatThrownBy(() -> new IdempotencyKey("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        enum Transport { XML, REST }

        @Test
        @DisplayName("a reader reports every bad or missing key at once, each with a fix")
        void everyProblem() {
            AccountingConfig config = AccountingConfig.builder()
                    .put("baseUrl", "ftp://nope").put("pageSize", "9999").put("transport", "soap")
                    .put("timeout", "soon").put("sandbox", "maybe").build();
            ConfigReader r = config.reader("intacct");
            r.required("senderId");
            r.uri("baseUrl", null);
            r.intInRange("pageSize", 100, 1, 1000);
            r.oneOf("transport", Transport.class, Transport.XML);
            r.duration("timeout", Duration.ofSeconds(30));
            r.bool("sandbox", false);
            r.requiredAttachment(java.time.Clock.class, "attach a Clock");
            assertThatThrownBy(r::validate).isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly(
                        "senderId", "baseUrl", "pageSize", "transport", "timeout", "sandbox", "Clock");
                assertThat(e.getMessage()).contains("7 configuration problems").contains("use one of: xml, rest");
            });
        }

        @Test
        @DisplayName("good values are read with their types and defaults")
        void goodValues() {
            AccountingConfig config = AccountingConfig.builder().put("baseUrl", "https://api.example.com/v1/")
                    .put("transport", "Rest").put("timeout", "PT5S").put("pageSize", "50")
                    .attach(java.time.Clock.class, java.time.Clock.systemUTC()).build();
            ConfigReader r = config.reader("p");
            assertThat(r.uri("baseUrl", null)).hasHost("api.example.com");
            assertThat(r.oneOf("transport", Transport.class, null)).isEqualTo(Transport.REST);
            assertThat(r.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
            assertThat(r.intInRange("pageSize", 100, 1, 200)).isEqualTo(50);
            assertThat(r.intInRange("missing", 100, 1, 200)).isEqualTo(100);
            assertThat(r.requiredAttachment(java.time.Clock.class, "")).isNotNull();
            r.validate();
        }

        @Test
        @DisplayName("secrets never appear in toString")
        void secretsHidden() {
            AccountingConfig config = AccountingConfig.builder().put("clientSecret", "s3cr3t-value")
                    .putSecret("senderPassword", "pw-value").putSecret("opaque", "hidden-value")
                    .put("tenant", "acme").build();
            assertThat(config.toString()).contains("tenant=acme")
                    .doesNotContain("s3cr3t-value").doesNotContain("pw-value").doesNotContain("hidden-value");
        }
    }

    @Nested
    @DisplayName("exceptions")
    class Exceptions {

        private final ErrorContext ctx = ErrorContext.of("xero", "createInvoice").withHttpStatus(429)
                .withVendorRequestId("req-9");

        @Test
        @DisplayName("each carries provider, operation, status, request id and whether to retry")
        void carryContext() {
            RateLimitedException e = new RateLimitedException(ctx, "slow down", Duration.ofSeconds(7));
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.window()).isEqualTo(RateLimitedException.Window.SHORT);
            assertThat(e.httpStatus()).hasValue(429);
            assertThat(e.vendorRequestId()).contains("req-9");
            assertThat(e.getMessage()).isEqualTo("xero createInvoice (HTTP 429) [request id req-9]: slow down");
            assertThat(new TransientAccountingException(ctx, "x").retryable()).isTrue();
            assertThat(new AuthenticationException(ctx, "x").retryable()).isFalse();
            assertThat(new NotFoundException(ctx, "x").retryable()).isFalse();
            assertThat(new ConflictException(ctx, "x").retryable()).isFalse();
            ValidationException v = new ValidationException(ctx, "rejected",
                    List.of(new FieldError("lines[0].account", "unknown", "E1")));
            assertThat(v.retryable()).isFalse();
            assertThat(v.getMessage()).contains("lines[0].account: unknown (E1)");
        }
    }

    @Nested
    @DisplayName("webhook requests and cursors")
    class Webhooks {

        @Test
        @DisplayName("headers are matched case-insensitively and the body is copied both ways")
        void headers() {
            byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            WebhookRequest r = new WebhookRequest("post", "/hook", Map.of("X-Xero-Signature", List.of("abc")), body);
            body[0] = 'x';
            assertThat(r.header("x-xero-signature")).contains("abc");
            assertThat(r.method()).isEqualTo("POST");
            assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{}");
            r.body()[0] = 'y';
            assertThat(r.body()[0]).isEqualTo((byte) '{');
        }

        @Test
        @DisplayName("a since-cursor round-trips its instant; a port cursor has none")
        void cursors() {
            Instant t = Instant.parse("2026-01-02T03:04:05Z");
            assertThat(ChangeCursor.since(t).sinceInstant()).contains(t);
            assertThat(new ChangeCursor("page:7").sinceInstant()).isEmpty();
            assertThatThrownBy(() -> new ChangeCursor(" ")).hasMessageContaining("ChangeCursor.since");
        }
    }
}
