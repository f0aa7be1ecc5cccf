package io.kommosync.xero.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON shapes of the Xero Accounting and identity APIs this adapter reads and writes, as records. Property names
 * are Xero's (PascalCase); absent properties are {@code null} and left out when writing. Amounts are
 * {@link BigDecimal}, written as exact JSON numbers.
 */
public final class XeroJson {

    private XeroJson() {
    }

    /**
     * A sales invoice.
     *
     * @param type              {@code ACCREC}
     * @param invoiceId         Xero's id
     * @param invoiceNumber     the number
     * @param reference         the reference
     * @param contact           the contact
     * @param date              the date: {@code yyyy-MM-dd} when writing, MS-JSON when read
     * @param dateString        the date as {@code yyyy-MM-ddT00:00:00} (read only)
     * @param dueDate           the due date
     * @param dueDateString     the due date as {@code yyyy-MM-ddT00:00:00} (read only)
     * @param lineAmountTypes   {@code Exclusive}, {@code Inclusive} or {@code NoTax}
     * @param currencyCode      the currency
     * @param status            the status
     * @param lineItems         the lines
     * @param subTotal          total without tax (read only)
     * @param totalTax          tax (read only)
     * @param total             total (read only)
     * @param amountDue         still due (read only)
     * @param amountPaid        paid (read only)
     * @param amountCredited    credited (read only)
     * @param updatedDateUtc    MS-JSON last change (read only)
     * @param hasErrors         whether this element of a write failed
     * @param validationErrors  why it failed
     */
    public record Invoice(
            @JsonProperty("Type") String type,
            @JsonProperty("InvoiceID") String invoiceId,
            @JsonProperty("InvoiceNumber") String invoiceNumber,
            @JsonProperty("Reference") String reference,
            @JsonProperty("Contact") Contact contact,
            @JsonProperty("Date") String date,
            @JsonProperty("DateString") String dateString,
            @JsonProperty("DueDate") String dueDate,
            @JsonProperty("DueDateString") String dueDateString,
            @JsonProperty("LineAmountTypes") String lineAmountTypes,
            @JsonProperty("CurrencyCode") String currencyCode,
            @JsonProperty("Status") String status,
            @JsonProperty("LineItems") List<LineItem> lineItems,
            @JsonProperty("SubTotal") BigDecimal subTotal,
            @JsonProperty("TotalTax") BigDecimal totalTax,
            @JsonProperty("Total") BigDecimal total,
            @JsonProperty("AmountDue") BigDecimal amountDue,
            @JsonProperty("AmountPaid") BigDecimal amountPaid,
            @JsonProperty("AmountCredited") BigDecimal amountCredited,
            @JsonProperty("UpdatedDateUTC") String updatedDateUtc,
            @JsonProperty("HasErrors") Boolean hasErrors,
            @JsonProperty("ValidationErrors") List<ValidationError> validationErrors) {

        /**
         * An invoice to write.
         *
         * @param contactId       the contact
         * @param date            {@code yyyy-MM-dd}
         * @param dueDate         {@code yyyy-MM-dd}
         * @param reference       the reference
         * @param currencyCode    the currency
         * @param status          {@code DRAFT} or {@code AUTHORISED}
         * @param lineItems       the lines
         * @return the invoice
         */
        public static Invoice toCreate(String contactId, String date, String dueDate, String reference,
                                       String currencyCode, String status, List<LineItem> lineItems) {
            return new Invoice("ACCREC", null, null, reference, Contact.reference(contactId), date, null, dueDate,
                    null, "Exclusive", currencyCode, status, lineItems, null, null, null, null, null, null, null,
                    null, null);
        }

        /**
         * A status change to write.
         *
         * @param invoiceId the invoice
         * @param status    the new status
         * @return the invoice
         */
        public static Invoice statusChange(String invoiceId, String status) {
            return new Invoice(null, invoiceId, null, null, null, null, null, null, null, null, null, status, null,
                    null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * A line of an invoice.
     *
     * @param description    the text
     * @param quantity       the quantity
     * @param unitAmount     the unit price
     * @param accountCode    the account code
     * @param taxType        the tax type
     * @param discountRate   the discount in percent
     * @param discountAmount the discount as an amount
     * @param tracking       the tracking options
     * @param itemCode       the item code (read only here)
     * @param lineAmount     the line amount (read only)
     * @param taxAmount      the tax amount (read only)
     */
    public record LineItem(
            @JsonProperty("Description") String description,
            @JsonProperty("Quantity") BigDecimal quantity,
            @JsonProperty("UnitAmount") BigDecimal unitAmount,
            @JsonProperty("AccountCode") String accountCode,
            @JsonProperty("TaxType") String taxType,
            @JsonProperty("DiscountRate") BigDecimal discountRate,
            @JsonProperty("DiscountAmount") BigDecimal discountAmount,
            @JsonProperty("Tracking") List<Tracking> tracking,
            @JsonProperty("ItemCode") String itemCode,
            @JsonProperty("LineAmount") BigDecimal lineAmount,
            @JsonProperty("TaxAmount") BigDecimal taxAmount) {
    }

    /**
     * A tracking option on a line.
     *
     * @param trackingCategoryId the category's id
     * @param name               the category's name
     * @param trackingOptionId   the option's id
     * @param option             the option's name
     */
    public record Tracking(
            @JsonProperty("TrackingCategoryID") String trackingCategoryId,
            @JsonProperty("Name") String name,
            @JsonProperty("TrackingOptionID") String trackingOptionId,
            @JsonProperty("Option") String option) {
    }

    /**
     * A contact.
     *
     * @param contactId        Xero's id
     * @param contactNumber    the API-only external number
     * @param contactStatus    {@code ACTIVE}, {@code ARCHIVED}…
     * @param name             the unique name
     * @param emailAddress     the e-mail address
     * @param phones           the phones
     * @param hasErrors        whether this element of a write failed (Xero names it {@code HasValidationErrors}
     *                         on contacts)
     * @param validationErrors why it failed
     */
    public record Contact(
            @JsonProperty("ContactID") String contactId,
            @JsonProperty("ContactNumber") String contactNumber,
            @JsonProperty("ContactStatus") String contactStatus,
            @JsonProperty("Name") String name,
            @JsonProperty("EmailAddress") String emailAddress,
            @JsonProperty("Phones") List<Phone> phones,
            @JsonProperty("HasValidationErrors") Boolean hasErrors,
            @JsonProperty("ValidationErrors") List<ValidationError> validationErrors) {

        /**
         * A reference to a contact by id, as an invoice carries it.
         *
         * @param contactId the id
         * @return the contact
         */
        public static Contact reference(String contactId) {
            return new Contact(contactId, null, null, null, null, null, null, null);
        }
    }

    /**
     * A phone number.
     *
     * @param phoneType   {@code DEFAULT}
     * @param phoneNumber the number
     */
    public record Phone(@JsonProperty("PhoneType") String phoneType, @JsonProperty("PhoneNumber") String phoneNumber) {
    }

    /**
     * An account of the chart.
     *
     * @param accountId   Xero's id
     * @param code        the code
     * @param name        the name
     * @param type        Xero's type
     * @param accountClass Xero's class
     * @param status      {@code ACTIVE}, {@code ARCHIVED}, {@code DELETED}
     */
    public record Account(
            @JsonProperty("AccountID") String accountId,
            @JsonProperty("Code") String code,
            @JsonProperty("Name") String name,
            @JsonProperty("Type") String type,
            @JsonProperty("Class") String accountClass,
            @JsonProperty("Status") String status) {
    }

    /**
     * A tax rate.
     *
     * @param name              the name
     * @param taxType           the code
     * @param status            {@code ACTIVE}…
     * @param canApplyToRevenue whether sales may use it
     * @param effectiveRate     the rate in percent
     * @param displayTaxRate    the rate shown in percent
     */
    public record TaxRate(
            @JsonProperty("Name") String name,
            @JsonProperty("TaxType") String taxType,
            @JsonProperty("Status") String status,
            @JsonProperty("CanApplyToRevenue") Boolean canApplyToRevenue,
            @JsonProperty("EffectiveRate") BigDecimal effectiveRate,
            @JsonProperty("DisplayTaxRate") BigDecimal displayTaxRate) {
    }

    /**
     * A tracking category.
     *
     * @param trackingCategoryId Xero's id
     * @param name               the name
     * @param status             {@code ACTIVE}…
     * @param options            the options
     */
    public record TrackingCategory(
            @JsonProperty("TrackingCategoryID") String trackingCategoryId,
            @JsonProperty("Name") String name,
            @JsonProperty("Status") String status,
            @JsonProperty("Options") List<TrackingOption> options) {
    }

    /**
     * An option of a tracking category.
     *
     * @param trackingOptionId Xero's id
     * @param name             the name
     * @param status           {@code ACTIVE}…
     */
    public record TrackingOption(
            @JsonProperty("TrackingOptionID") String trackingOptionId,
            @JsonProperty("Name") String name,
            @JsonProperty("Status") String status) {
    }

    /**
     * One of Xero's validation messages.
     *
     * @param message the message
     */
    public record ValidationError(@JsonProperty("Message") String message) {
    }

    /**
     * Xero's error body (400 {@code ValidationException}, {@code QueryParseException}…).
     *
     * @param errorNumber the number
     * @param type        the type
     * @param message     the message
     * @param elements    the failed elements
     */
    public record Error(
            @JsonProperty("ErrorNumber") Integer errorNumber,
            @JsonProperty("Type") String type,
            @JsonProperty("Message") String message,
            @JsonProperty("Elements") List<Element> elements) {
    }

    /**
     * A failed element of a write.
     *
     * @param validationErrors why it failed
     */
    public record Element(@JsonProperty("ValidationErrors") List<ValidationError> validationErrors) {
    }

    /**
     * Xero's problem body for 401/403 ({@code Title}, {@code Detail}).
     *
     * @param title  the title
     * @param detail the detail
     */
    public record Problem(@JsonProperty("Title") String title, @JsonProperty("Detail") String detail) {
    }

    /**
     * An online invoice.
     *
     * @param onlineInvoiceUrl the URL
     */
    public record OnlineInvoice(@JsonProperty("OnlineInvoiceUrl") String onlineInvoiceUrl) {
    }

    /**
     * A history note.
     *
     * @param details the text
     */
    public record HistoryRecord(@JsonProperty("Details") String details) {
    }

    /**
     * A tenant connected to the app.
     *
     * @param id         the connection's id
     * @param tenantId   the tenant id
     * @param tenantType {@code ORGANISATION} or {@code PRACTICE}
     * @param tenantName the tenant's name
     */
    public record Connection(String id, String tenantId, String tenantType, String tenantName) {
    }

    /**
     * {@code {"Invoices": [...]}}.
     *
     * @param invoices the invoices
     */
    public record Invoices(@JsonProperty("Invoices") List<Invoice> invoices) {
    }

    /**
     * {@code {"Contacts": [...]}}.
     *
     * @param contacts the contacts
     */
    public record Contacts(@JsonProperty("Contacts") List<Contact> contacts) {
    }

    /**
     * {@code {"Accounts": [...]}}.
     *
     * @param accounts the accounts
     */
    public record Accounts(@JsonProperty("Accounts") List<Account> accounts) {
    }

    /**
     * {@code {"TaxRates": [...]}}.
     *
     * @param taxRates the tax rates
     */
    public record TaxRates(@JsonProperty("TaxRates") List<TaxRate> taxRates) {
    }

    /**
     * {@code {"TrackingCategories": [...]}}.
     *
     * @param trackingCategories the categories
     */
    public record TrackingCategories(@JsonProperty("TrackingCategories") List<TrackingCategory> trackingCategories) {
    }

    /**
     * {@code {"OnlineInvoices": [...]}}.
     *
     * @param onlineInvoices the online invoices
     */
    public record OnlineInvoices(@JsonProperty("OnlineInvoices") List<OnlineInvoice> onlineInvoices) {
    }

    /**
     * {@code {"HistoryRecords": [...]}}.
     *
     * @param historyRecords the notes
     */
    public record HistoryRecords(@JsonProperty("HistoryRecords") List<HistoryRecord> historyRecords) {
    }
}
