package io.kommosync.kommo.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.kommo.CatalogElement;
import io.kommosync.kommo.Contact;
import io.kommosync.kommo.FieldValueWrite;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoValidationException;
import io.kommosync.kommo.Lead;
import io.kommosync.kommo.LeadPatch;
import io.kommosync.kommo.LeadProductRef;
import io.kommosync.kommo.LeadWith;
import io.kommosync.kommo.NewTask;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the sync engine does with a won deal, run unchanged against two backends: WireMock stubs built from the
 * documented payloads ({@link InvoiceDealWireMockTest}) and the stateful Kommo simulator
 * ({@link InvoiceDealSandboxTest}). Subclasses provide the client, the deal the backend holds and how to check
 * what was written.
 */
abstract class InvoiceDealScenario {

    static final String INVOICE_NUMBER = "INV-0042";
    static final String INVOICE_URL = "https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=42";
    static final String TASK_TEXT = "Invoice INV-0042 raised in Xero: check the customer's VAT number";
    static final Instant DUE = Instant.parse("2027-01-15T09:00:00Z");

    /** A line the deal holds: product, SKU, unit price from the chosen price field, quantity. */
    record Line(long elementId, String sku, BigDecimal unitPrice, BigDecimal quantity) {
        /** The same line with amounts compared by value ({@code 120} equals {@code 120.0}). */
        Line normalised() {
            return new Line(elementId, sku, unitPrice.stripTrailingZeros(), quantity.stripTrailingZeros());
        }
    }

    /** What the backend holds for the scenario. */
    record Deal(long leadId, long missingLeadId, long contactId, String email, long catalogId, List<Line> lines,
        long invoiceNumberFieldId, long invoiceUrlFieldId, long paymentStatusFieldId, long paidOptionId,
        long responsibleUserId) {
    }

    abstract KommoClient kommo();

    abstract Deal deal();

    /** Checks that the lead now holds the invoice number, URL and the "paid" option. */
    abstract void assertInvoiceWrittenBack(Deal deal);

    /** Checks that the task exists on the lead for the responsible user. */
    abstract void assertTaskCreated(Deal deal, long taskId);

    @Test
    @DisplayName("reads a deal with its main contact and product lines, writes the invoice back and leaves a task")
    void invoiceDealRoundTrip() {
        Deal deal = deal();

        Lead lead = kommo().leads().get(deal.leadId(), LeadWith.CONTACTS, LeadWith.CATALOG_ELEMENTS).orElseThrow();
        assertThat(lead.mainContactId()).contains(deal.contactId());
        Contact buyer = kommo().contacts().get(lead.mainContactId().orElseThrow()).orElseThrow();
        assertThat(buyer.emails()).contains(deal.email());

        Map<Long, CatalogElement> products = kommo().catalogs()
            .elements(deal.catalogId(), lead.products().stream().map(LeadProductRef::elementId).toList())
            .stream().collect(Collectors.toMap(CatalogElement::id, Function.identity()));
        List<Line> lines = lead.products().stream().map(line -> {
            CatalogElement product = products.get(line.elementId());
            return new Line(line.elementId(), product.sku().orElseThrow(), product.price(line.priceId()).orElseThrow(),
                line.quantity());
        }).toList();
        assertThat(lines).map(Line::normalised)
            .containsExactlyInAnyOrderElementsOf(deal.lines().stream().map(Line::normalised).toList());

        kommo().leads().update(List.of(LeadPatch.of(lead.id())
            .withField(FieldValueWrite.text(deal.invoiceNumberFieldId(), INVOICE_NUMBER))
            .withField(FieldValueWrite.url(deal.invoiceUrlFieldId(), INVOICE_URL))
            .withField(FieldValueWrite.choice(deal.paymentStatusFieldId(), deal.paidOptionId()))));
        assertInvoiceWrittenBack(deal);

        List<Long> tasks = kommo().tasks().create(List.of(NewTask.forLead(lead.id(), TASK_TEXT, DUE)
            .withResponsibleUser(lead.responsibleUserId())));
        assertThat(tasks).hasSize(1);
        assertTaskCreated(deal, tasks.get(0));
    }

    @Test
    @DisplayName("a lead the account does not have reads as empty")
    void missingLeadIsEmpty() {
        assertThat(kommo().leads().get(deal().missingLeadId(), LeadWith.CONTACTS)).isEmpty();
    }

    @Test
    @DisplayName("writing a field the account does not have is a validation error naming the item and path")
    void unknownFieldIsAValidationError() {
        Deal deal = deal();

        assertThatThrownBy(() -> kommo().leads().update(List.of(LeadPatch.of(deal.leadId())
            .withField(FieldValueWrite.text(999_999, "x")))))
            .isInstanceOfSatisfying(KommoValidationException.class, e -> {
                assertThat(e.httpStatus()).hasValue(400);
                assertThat(e.errors()).anySatisfy(error -> {
                    assertThat(error.requestId()).isEqualTo("0");
                    assertThat(error.path()).isEqualTo("custom_fields_values.0.field_id");
                });
                assertThat(e.getMessage()).contains("custom_fields_values.0.field_id");
            });
    }
}
