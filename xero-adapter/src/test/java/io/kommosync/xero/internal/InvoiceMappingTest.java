package io.kommosync.xero.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading Xero invoices")
class InvoiceMappingTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 10);

    private static XeroJson.Invoice invoice(String status, String amountTypes, List<XeroJson.LineItem> lines,
                                            String paid, String due) {
        return new XeroJson.Invoice("ACCREC", "4f7c6b1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f", "INV-0042", "", 
                XeroJson.Contact.reference("6a9c8d2e-4b1f-4e7a-9c3d-2f1e0d9c8b7a"), "/Date(1741564800000+0000)/",
                "2025-03-10T00:00:00", "/Date(1741564800000+0000)/", "2025-03-10T00:00:00", amountTypes, "GBP",
                status, lines, new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("120.00"),
                new BigDecimal(due), new BigDecimal(paid), BigDecimal.ZERO, "/Date(1741599000000+0000)/", null, null);
    }

    private static Invoice read(XeroJson.Invoice json, LocalDate today) {
        return InvoiceMapping.fromXero(json, Optional.empty(), today, () -> {
            throw new AssertionError("no tracking, no chart needed");
        });
    }

    @Test
    @DisplayName("maps Xero's statuses, part payments and OVERDUE after the due date")
    void mapsStatuses() {
        assertThat(read(invoice("DRAFT", "Exclusive", List.of(), "0", "120.00"), TODAY).status())
                .isEqualTo(InvoiceStatus.DRAFT);
        assertThat(read(invoice("SUBMITTED", "Exclusive", List.of(), "0", "120.00"), TODAY).status())
                .isEqualTo(InvoiceStatus.DRAFT);
        assertThat(read(invoice("AUTHORISED", "Exclusive", List.of(), "0", "120.00"), TODAY).status())
                .isEqualTo(InvoiceStatus.AWAITING_PAYMENT);
        assertThat(read(invoice("AUTHORISED", "Exclusive", List.of(), "20.00", "100.00"), TODAY).status())
                .isEqualTo(InvoiceStatus.PARTIALLY_PAID);
        assertThat(read(invoice("PAID", "Exclusive", List.of(), "120.00", "0.00"), TODAY).status())
                .isEqualTo(InvoiceStatus.PAID);
        assertThat(read(invoice("VOIDED", "Exclusive", List.of(), "0", "0.00"), TODAY).status())
                .isEqualTo(InvoiceStatus.VOID);
        assertThat(read(invoice("DELETED", "Exclusive", List.of(), "0", "0.00"), TODAY).status())
                .isEqualTo(InvoiceStatus.VOID);
        assertThat(read(invoice("AUTHORISED", "Exclusive", List.of(), "20.00", "100.00"), TODAY.plusDays(1)).status())
                .isEqualTo(InvoiceStatus.OVERDUE);
        assertThat(read(invoice("PAID", "Exclusive", List.of(), "120.00", "0.00"), TODAY.plusDays(1)).status())
                .isEqualTo(InvoiceStatus.PAID);
    }

    @Test
    @DisplayName("reads an empty Reference as none, and the number, customer and amounts")
    void readsHeader() {
        Invoice i = read(invoice("AUTHORISED", "Exclusive", List.of(), "0", "120.00"), TODAY);
        assertThat(i.reference()).isEmpty();
        assertThat(i.number()).isEqualTo("INV-0042");
        assertThat(i.customerId()).isEqualTo("6a9c8d2e-4b1f-4e7a-9c3d-2f1e0d9c8b7a");
        assertThat(i.total().amount()).isEqualByComparingTo("120.00");
        assertThat(i.issueDate()).isEqualTo(TODAY);
    }

    @Test
    @DisplayName("turns tax-inclusive lines into tax-exclusive unit prices, and credit lines into positive quantities")
    void readsOddLines() {
        XeroJson.LineItem inclusive = new XeroJson.LineItem("Hosting", new BigDecimal("2"), new BigDecimal("60.00"),
                "200", "OUTPUT2", null, null, null, null, new BigDecimal("120.00"), new BigDecimal("20.00"));
        XeroJson.LineItem credit = new XeroJson.LineItem("Goodwill", new BigDecimal("-1"), new BigDecimal("10.00"),
                "200", "NONE", null, null, null, null, new BigDecimal("-10.00"), BigDecimal.ZERO);
        XeroJson.LineItem empty = new XeroJson.LineItem(null, BigDecimal.ZERO, BigDecimal.ONE, null, null, null, null,
                null, null, null, null);
        List<InvoiceLine> lines = read(invoice("AUTHORISED", "Inclusive", List.of(inclusive, credit, empty), "0",
                "120.00"), TODAY).lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).unitPrice()).isEqualByComparingTo("50.00");
        assertThat(lines.get(0).discount()).isEqualTo(Discount.none());
        assertThat(lines.get(1).quantity()).isEqualByComparingTo("1");
        assertThat(lines.get(1).unitPrice()).isEqualByComparingTo("-10.00");
    }
}
