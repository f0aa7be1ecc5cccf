package io.kommosync.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.InvalidConfigurationException;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceOutcome;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.KeyedDraft;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.xero.XeroOrganisation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Xero invoices")
class XeroInvoicesTest {

    private final XeroSimulatorFixture fixture = new XeroSimulatorFixture();
    private final XeroAccountingPort port = new XeroAccountingPortProvider().create(fixture.validConfig());

    @AfterEach
    void close() {
        port.close();
        fixture.close();
    }

    private InvoiceDraft draft(String reference, InvoiceDraft.Approval approval) {
        String north = fixture.org.trackingCategory("Region").option("North").orElseThrow().optionId();
        String online = fixture.org.trackingCategory("Channel").option("Online").orElseThrow().optionId();
        List<InvoiceLine> lines = List.of(
                new InvoiceLine("Consulting days", new BigDecimal("2.5"), new BigDecimal("99.9950"),
                        Discount.percent(BigDecimal.TEN), "200", "OUTPUT2",
                        Dimensions.of(DimensionType.TRACKING_1, north), Optional.empty()),
                new InvoiceLine("Annual licence", new BigDecimal("3"), new BigDecimal("33.33"),
                        Discount.amount(new BigDecimal("5.00")), "260", "OUTPUT2", Dimensions.none(),
                        Optional.empty()));
        return new InvoiceDraft(fixture.existing.contactId(), Currency.getInstance("GBP"), fixture.clock.today(),
                fixture.clock.today().plusDays(30), reference, lines,
                Dimensions.of(DimensionType.TRACKING_2, online), approval, Optional.empty());
    }

    @Test
    @DisplayName("sends ACCREC with tax-exclusive lines, discounts, tracking, the Idempotency-Key and unitdp=4")
    void sendsTheXeroShape() {
        Invoice created = port.createInvoice(draft("kommo-deal-1", InvoiceDraft.Approval.APPROVED),
                IdempotencyKey.derive("deal", "1"));
        JournalEntry put = fixture.xero.journal().entries("PUT", "/api.xro/2.0/Invoices").get(0);
        assertThat(put.header("Idempotency-Key")).hasValue(IdempotencyKey.derive("deal", "1").value());
        assertThat(SimulatedRequest.decodeForm(put.rawQuery())).containsEntry("summarizeErrors", List.of("false"))
                .containsEntry("unitdp", List.of("4"));
        JsonNode invoice = Json.parse(put.body()).path("Invoices").get(0);
        assertThat(invoice.path("Type").asText()).isEqualTo("ACCREC");
        assertThat(invoice.path("Status").asText()).isEqualTo("AUTHORISED");
        assertThat(invoice.path("LineAmountTypes").asText()).isEqualTo("Exclusive");
        assertThat(invoice.path("Reference").asText()).isEqualTo("kommo-deal-1");
        assertThat(invoice.path("Date").asText()).isEqualTo("2025-03-10");
        assertThat(invoice.path("DueDate").asText()).isEqualTo("2025-04-09");
        JsonNode first = invoice.path("LineItems").get(0);
        assertThat(first.path("UnitAmount").decimalValue()).isEqualByComparingTo("99.995");
        assertThat(first.path("DiscountRate").decimalValue()).isEqualByComparingTo("10");
        assertThat(first.path("Tracking")).extracting(t -> t.path("Name").asText())
                .containsExactlyInAnyOrder("Region", "Channel");
        assertThat(invoice.path("LineItems").get(1).path("DiscountAmount").decimalValue()).isEqualByComparingTo("5");
        assertThat(invoice.path("LineItems").get(1).path("Tracking")).extracting(t -> t.path("Option").asText())
                .containsExactly("Online");
        assertThat(created.lines().get(0).unitPrice()).isEqualByComparingTo("99.995");
        assertThat(created.lines().get(0).dimensions().get(DimensionType.TRACKING_2)).isPresent();
        assertThat(created.net().amount()).isEqualByComparingTo("319.98");
    }

    @Test
    @DisplayName("gives an approved invoice its online invoice URL and a draft none, without asking for it")
    void linksOnlyApprovedInvoices() {
        Invoice approved = port.createInvoice(draft("kommo-deal-2", InvoiceDraft.Approval.APPROVED),
                IdempotencyKey.derive("deal", "2"));
        assertThat(approved.link()).hasValueSatisfying(u -> assertThat(u.getPath()).startsWith("/in/"));
        int onlineCalls = fixture.xero.journal().count("GET", "/api.xro/2.0/Invoices/" + approved.id() + "/Online");
        Invoice draft = port.createInvoice(draft("kommo-deal-3", InvoiceDraft.Approval.DRAFT),
                IdempotencyKey.derive("deal", "3"));
        assertThat(draft.link()).isEmpty();
        assertThat(fixture.xero.journal().count("GET", "/api.xro/2.0/Invoices/" + draft.id() + "/Online")).isZero();
        port.invoice(approved.id());
        assertThat(fixture.xero.journal().count("GET", "/api.xro/2.0/Invoices/" + approved.id() + "/Online"))
                .as("the URL is cached").isEqualTo(onlineCalls);
    }

    @Test
    @DisplayName("sends more than 50 drafts in batches of at most 50, one outcome per draft in order")
    void batchesOfFifty() {
        List<KeyedDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            drafts.add(new KeyedDraft(IdempotencyKey.derive("batch", Integer.toString(i)),
                    draft("kommo-batch-" + i, InvoiceDraft.Approval.APPROVED)));
        }
        List<InvoiceOutcome> outcomes = port.createInvoices(drafts);
        assertThat(outcomes).hasSize(60).allMatch(o -> o instanceof InvoiceOutcome.Created);
        for (int i = 0; i < 60; i++) {
            assertThat(((InvoiceOutcome.Created) outcomes.get(i)).invoice().reference()).hasValue("kommo-batch-" + i);
        }
        List<JournalEntry> puts = fixture.xero.journal().entries("PUT", "/api.xro/2.0/Invoices");
        assertThat(puts).extracting(p -> Json.parse(p.body()).path("Invoices").size()).containsExactly(50, 10);
        assertThat(puts).allSatisfy(p -> assertThat(p.rawQuery()).contains("summarizeErrors=false"));
        assertThat(puts.get(0).header("Idempotency-Key")).isNotEqualTo(puts.get(1).header("Idempotency-Key"));
    }

    @Test
    @DisplayName("refuses a dimension Xero does not have before calling Xero")
    void refusesOtherDimensions() {
        InvoiceDraft bad = draft("kommo-deal-4", InvoiceDraft.Approval.APPROVED);
        InvoiceDraft withDepartment = new InvoiceDraft(bad.customerId(), bad.currency(), bad.issueDate(),
                bad.dueDate(), bad.reference(), List.of(bad.lines().get(0).withDimensions(
                        Dimensions.of(DimensionType.DEPARTMENT, "D100"))), Dimensions.none(), bad.approval(),
                Optional.empty());
        assertThatThrownBy(() -> port.createInvoice(withDepartment, IdempotencyKey.derive("deal", "4")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors())
                        .anySatisfy(f -> assertThat(f.field()).isEqualTo("lines[0].dimensions.DEPARTMENT")));
        assertThat(fixture.xero.journal().count("PUT", "/api.xro/2.0/Invoices")).isZero();
    }

    @Test
    @DisplayName("voids an approved invoice with the reason in its history, and deletes a draft")
    void voidsAndDeletes() {
        Invoice approved = port.createInvoice(draft("kommo-deal-5", InvoiceDraft.Approval.APPROVED),
                IdempotencyKey.derive("deal", "5"));
        assertThat(port.voidInvoice(approved.id(), "deal lost").status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(fixture.org.invoice(approved.id()).orElseThrow().status()).isEqualTo("VOIDED");
        assertThat(fixture.org.history(approved.id())).containsExactly("Voided by kommo-sync: deal lost");
        Invoice draft = port.createInvoice(draft("kommo-deal-6", InvoiceDraft.Approval.DRAFT),
                IdempotencyKey.derive("deal", "6"));
        assertThat(port.voidInvoice(draft.id(), "").status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(fixture.org.invoice(draft.id()).orElseThrow().status()).isEqualTo("DELETED");
        assertThat(port.findInvoiceByReference("kommo-deal-5")).hasValueSatisfying(i ->
                assertThat(i.status()).isEqualTo(InvoiceStatus.VOID));
    }

    @Test
    @DisplayName("polls changes with If-Modified-Since, oldest change first, sales invoices only")
    void pollsWithIfModifiedSince() {
        port.createInvoice(draft("kommo-deal-7", InvoiceDraft.Approval.APPROVED), IdempotencyKey.derive("deal", "7"));
        port.invoiceChangesSince(ChangeCursor.since(XeroSimulatorFixture.START.minusSeconds(30)));
        JournalEntry get = fixture.xero.journal().entries(e -> e.method().equals("GET")
                && e.path().equals("/api.xro/2.0/Invoices")).get(0);
        assertThat(get.header("If-Modified-Since")).hasValue("2025-03-10T09:29:30Z");
        assertThat(SimulatedRequest.decodeForm(get.rawQuery())).containsEntry("order", List.of("UpdatedDateUTC ASC"))
                .containsEntry("where", List.of("Type==\"ACCREC\"")).containsEntry("page", List.of("1"))
                .containsEntry("pageSize", List.of("2"));
    }

    @Test
    @DisplayName("reads an invoice raised by hand with no reference, and derives OVERDUE in the configured zone")
    void readsInvoiceRaisedByHand() {
        var byHand = fixture.org.raiseInvoiceByHand(fixture.existing.contactId(), "GBP",
                fixture.clock.today(), List.of(io.kommosync.sandbox.xero.XeroNewLine.of("Support", "1", "80", "200",
                        "OUTPUT2")));
        fixture.clock.advance(Duration.ofHours(10));
        try (XeroAccountingPort auckland = new XeroAccountingPortProvider().create(fixture.config()
                .put(XeroConfigKeys.TIME_ZONE, "Pacific/Auckland").build())) {
            Invoice read = auckland.invoice(byHand.invoiceId());
            assertThat(read.reference()).isEmpty();
            assertThat(read.status()).as("already tomorrow in Auckland").isEqualTo(InvoiceStatus.OVERDUE);
        }
        assertThat(port.invoice(byHand.invoiceId()).status()).as("still today in UTC")
                .isEqualTo(InvoiceStatus.AWAITING_PAYMENT);
    }

    @Test
    @DisplayName("asks /connections for the tenant only when none is configured, and names tenantId when several")
    void resolvesTheTenant() {
        port.chartOfAccounts();
        port.chartOfAccounts();
        assertThat(fixture.xero.journal().count("GET", "/connections")).isEqualTo(1);
        assertThat(port.tenantId()).hasValue(fixture.org.tenantId());

        XeroOrganisation second = fixture.xero.createOrganisation("Second Ltd").withDemoChart();
        var both = fixture.xero.authorizeLongLived(fixture.org, second);
        try (XeroAccountingPort ambiguous = new XeroAccountingPortProvider().create(fixture.config()
                .putSecret(XeroConfigKeys.ACCESS_TOKEN, both.accessToken()).build())) {
            assertThatThrownBy(ambiguous::chartOfAccounts).isInstanceOfSatisfying(InvalidConfigurationException.class,
                    e -> assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.key()).isEqualTo(XeroConfigKeys.TENANT_ID);
                        assertThat(p.problem()).contains("Second Ltd").contains(second.tenantId());
                    }));
        }
        try (XeroAccountingPort chosen = new XeroAccountingPortProvider().create(fixture.config()
                .putSecret(XeroConfigKeys.ACCESS_TOKEN, both.accessToken())
                .put(XeroConfigKeys.TENANT_ID, second.tenantId()).build())) {
            int before = fixture.xero.journal().count("GET", "/connections");
            assertThat(chosen.chartOfAccounts().dimensionValues(DimensionType.TRACKING_2)).hasSize(2);
            assertThat(fixture.xero.journal().count("GET", "/connections")).isEqualTo(before);
        }
    }
}
