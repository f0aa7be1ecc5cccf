package io.kommosync.sage.cloud.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The JSON shapes of Sage Business Cloud Accounting v3.1 this adapter reads and writes, as Jackson records. Reads
 * tolerate missing fields (they arrive as {@code null}); writes leave {@code null} fields out.
 */
final class SageWire {

    private SageWire() {
    }

    // ------------------------------------------------------------------------------------------------ reads

    /** A list envelope: {@code {"$total", "$page", "$next", "$back", "$items"}}. */
    record Page<T>(@JsonProperty("$total") Integer total, @JsonProperty("$page") Integer page,
                   @JsonProperty("$next") String next, @JsonProperty("$items") List<T> items) {
        List<T> itemsOrEmpty() {
            return items == null ? List.of() : items;
        }
    }

    /** A reference to another resource: {@code {"id", "displayed_as", "$path"}}. */
    record Ref(String id, @JsonProperty("displayed_as") String displayedAs) {
    }

    /** A link of a resource; the web page is {@code rel=alternate}, {@code type=text/html}. */
    record Link(String href, String rel, String type) {
    }

    /** An item of {@code GET /businesses}. */
    record Business(String id, @JsonProperty("displayed_as") String displayedAs) {
    }

    /** A ledger account. */
    record LedgerAccount(String id, @JsonProperty("displayed_as") String displayedAs, String name,
                         @JsonProperty("nominal_code") Integer nominalCode,
                         @JsonProperty("ledger_account_type") Ref ledgerAccountType,
                         @JsonProperty("included_in_chart") Boolean includedInChart,
                         @JsonProperty("visible_in_sales") Boolean visibleInSales) {
    }

    /** A tax rate. */
    record TaxRate(String id, @JsonProperty("displayed_as") String displayedAs, String name, BigDecimal percentage,
                   @JsonProperty("is_visible") Boolean visible) {
    }

    /** The main contact person of a contact. */
    record ContactPerson(String name, String email) {
    }

    /** A contact. */
    record Contact(String id, @JsonProperty("displayed_as") String displayedAs, String name, String email,
                   String reference, @JsonProperty("created_at") OffsetDateTime createdAt,
                   @JsonProperty("main_contact_person") ContactPerson mainContactPerson) {
    }

    /** A line of a sales invoice. */
    record InvoiceLine(String id, String description, @JsonProperty("ledger_account") Ref ledgerAccount,
                       @JsonProperty("tax_rate") Ref taxRate, BigDecimal quantity,
                       @JsonProperty("unit_price") BigDecimal unitPrice,
                       @JsonProperty("discount_amount") BigDecimal discountAmount,
                       @JsonProperty("net_amount") BigDecimal netAmount,
                       @JsonProperty("tax_amount") BigDecimal taxAmount) {
    }

    /** A sales invoice. */
    record SalesInvoice(String id, @JsonProperty("displayed_as") String displayedAs,
                        @JsonProperty("invoice_number") String invoiceNumber, Ref contact, String reference,
                        LocalDate date, @JsonProperty("due_date") LocalDate dueDate, Ref currency,
                        @JsonProperty("net_amount") BigDecimal netAmount,
                        @JsonProperty("tax_amount") BigDecimal taxAmount,
                        @JsonProperty("total_amount") BigDecimal totalAmount,
                        @JsonProperty("total_paid") BigDecimal totalPaid,
                        @JsonProperty("outstanding_amount") BigDecimal outstandingAmount, Ref status,
                        List<Link> links, @JsonProperty("invoice_lines") List<InvoiceLine> invoiceLines,
                        @JsonProperty("created_at") OffsetDateTime createdAt,
                        @JsonProperty("updated_at") OffsetDateTime updatedAt,
                        @JsonProperty("deleted_at") OffsetDateTime deletedAt) {
    }

    /** One entry of Sage's error array. */
    record Error(@JsonProperty("$severity") String severity, @JsonProperty("$dataCode") String dataCode,
                 @JsonProperty("$message") String message, @JsonProperty("$source") String source) {
    }

    // ------------------------------------------------------------------------------------------------ writes

    /** {@code POST /contacts}. */
    record NewContactRequest(NewContact contact) {
    }

    /** The contact to create. */
    record NewContact(String name, @JsonProperty("contact_type_ids") List<String> contactTypeIds, String reference,
                      @JsonProperty("main_contact_person") NewContactPerson mainContactPerson,
                      @JsonProperty("idempotency_id") String idempotencyId) {
    }

    /** The main contact person of the contact to create; the e-mail address lives here. */
    record NewContactPerson(String name, String email, String telephone,
                            @JsonProperty("is_main_contact") Boolean isMainContact) {
    }

    /** {@code POST /sales_invoices}. */
    record NewSalesInvoiceRequest(@JsonProperty("sales_invoice") NewSalesInvoice salesInvoice) {
    }

    /** The sales invoice to create. */
    record NewSalesInvoice(@JsonProperty("contact_id") String contactId, LocalDate date,
                           @JsonProperty("due_date") LocalDate dueDate, String reference, String notes,
                           @JsonProperty("currency_id") String currencyId, @JsonProperty("status_id") String statusId,
                           @JsonProperty("invoice_lines") List<NewInvoiceLine> invoiceLines,
                           @JsonProperty("idempotency_id") String idempotencyId) {
    }

    /** A line of the sales invoice to create. */
    record NewInvoiceLine(String description, @JsonProperty("ledger_account_id") String ledgerAccountId,
                          BigDecimal quantity, @JsonProperty("unit_price") BigDecimal unitPrice,
                          @JsonProperty("discount_amount") BigDecimal discountAmount,
                          @JsonProperty("tax_rate_id") String taxRateId,
                          @JsonProperty("tax_amount") BigDecimal taxAmount) {
    }
}
