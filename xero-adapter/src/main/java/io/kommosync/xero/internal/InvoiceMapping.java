package io.kommosync.xero.internal;

import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.FieldError;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Maps invoices between the SPI's records and Xero's JSON. Stateless. */
public final class InvoiceMapping {

    private static final int MAX_DECIMALS = 4;

    private InvoiceMapping() {
    }

    /** A draft ready to send, or the problems that keep it from being sent. */
    public record Prepared(XeroJson.Invoice invoice, List<FieldError> problems) {
    }

    /**
     * Builds Xero's {@code ACCREC} invoice for a draft: tax-exclusive lines with the account code, tax type, discount
     * ({@code DiscountRate} or {@code DiscountAmount}) and tracking; header dimensions apply to every line that does
     * not set its own.
     *
     * @param draft the draft
     * @param chart the chart, needed only when a line carries a dimension
     * @return the invoice, or the problems found (unknown tracking option, a dimension Xero does not have, more than
     *     four decimals)
     */
    public static Prepared toXero(InvoiceDraft draft, Supplier<ChartSnapshot> chart) {
        List<FieldError> problems = new ArrayList<>();
        List<XeroJson.LineItem> lines = new ArrayList<>();
        for (int i = 0; i < draft.lines().size(); i++) {
            InvoiceLine line = draft.lines().get(i);
            String at = "lines[" + i + "].";
            if (line.quantity().stripTrailingZeros().scale() > MAX_DECIMALS) {
                problems.add(new FieldError(at + "quantity", "Xero keeps at most 4 decimal places of a quantity",
                        "too_many_decimals"));
            }
            if (line.unitPrice().stripTrailingZeros().scale() > MAX_DECIMALS) {
                problems.add(new FieldError(at + "unitPrice", "Xero keeps at most 4 decimal places of a unit price",
                        "too_many_decimals"));
            }
            List<XeroJson.Tracking> tracking = new ArrayList<>();
            Dimensions dims = line.dimensions().orElse(draft.dimensions());
            for (Map.Entry<DimensionType, String> d : dims.values().entrySet()) {
                if (d.getKey() != DimensionType.TRACKING_1 && d.getKey() != DimensionType.TRACKING_2) {
                    problems.add(new FieldError(at + "dimensions." + d.getKey(), "Xero has no " + d.getKey()
                            + " dimension; map it to TRACKING_1 or TRACKING_2 (Xero's tracking categories)",
                            "unsupported_dimension"));
                    continue;
                }
                Optional<ChartSnapshot.TrackingChoice> choice = chart.get().choice(d.getKey(), d.getValue());
                if (choice.isEmpty()) {
                    problems.add(new FieldError(at + "dimensions." + d.getKey(), "the Xero tenant has no tracking "
                            + "option with the id " + d.getValue() + " in its " + d.getKey() + " category",
                            "unknown_tracking_option"));
                    continue;
                }
                ChartSnapshot.TrackingChoice c = choice.get();
                tracking.add(new XeroJson.Tracking(c.categoryId(), c.categoryName(), c.optionId(), c.optionName()));
            }
            Discount discount = line.discount();
            BigDecimal rate = !discount.isNone() && discount.kind() == Discount.Kind.PERCENT ? discount.value() : null;
            BigDecimal amount = !discount.isNone() && discount.kind() == Discount.Kind.AMOUNT ? discount.value() : null;
            lines.add(new XeroJson.LineItem(line.description(), line.quantity(), line.unitPrice(),
                    line.ledgerAccountCode(), line.taxCode(), rate, amount, tracking.isEmpty() ? null : tracking, null,
                    null, null));
        }
        XeroJson.Invoice invoice = XeroJson.Invoice.toCreate(draft.customerId(), draft.issueDate().toString(),
                draft.dueDate().toString(), draft.reference(), draft.currency().getCurrencyCode(),
                draft.approval() == InvoiceDraft.Approval.APPROVED ? "AUTHORISED" : "DRAFT", lines);
        return new Prepared(invoice, problems);
    }

    /**
     * Reads Xero's invoice.
     *
     * @param json  the invoice
     * @param link  the online invoice URL, when known
     * @param today today in the organisation's time zone, to derive {@link InvoiceStatus#OVERDUE}
     * @param chart the chart, read only when a line carries tracking
     * @return the invoice
     * @throws IllegalArgumentException when the invoice lacks its id or currency
     */
    public static Invoice fromXero(XeroJson.Invoice json, Optional<URI> link, LocalDate today,
                                   Supplier<ChartSnapshot> chart) {
        if (json.invoiceId() == null || json.currencyCode() == null) {
            throw new IllegalArgumentException("Xero returned an invoice without InvoiceID or CurrencyCode");
        }
        Currency currency = Currency.getInstance(json.currencyCode());
        LocalDate issue = XeroDates.date(json.dateString()).or(() -> XeroDates.date(json.date())).orElse(today);
        LocalDate due = XeroDates.date(json.dueDateString()).or(() -> XeroDates.date(json.dueDate())).orElse(issue);
        BigDecimal subTotal = orZero(json.subTotal());
        BigDecimal tax = orZero(json.totalTax());
        BigDecimal total = json.total() == null ? subTotal.add(tax) : json.total();
        BigDecimal amountDue = json.amountDue() == null ? total : json.amountDue();
        BigDecimal paid = orZero(json.amountPaid()).add(orZero(json.amountCredited()));
        InvoiceStatus base = status(json.status(), paid, amountDue);
        InvoiceStatus status = InvoiceStatus.derive(base, due, amountDue, today);
        List<InvoiceLine> lines = new ArrayList<>();
        if (json.lineItems() != null) {
            boolean inclusive = "Inclusive".equalsIgnoreCase(json.lineAmountTypes());
            for (XeroJson.LineItem l : json.lineItems()) {
                line(l, inclusive, chart).ifPresent(lines::add);
            }
        }
        Instant updated = XeroDates.instant(json.updatedDateUtc()).orElse(Instant.EPOCH);
        return new Invoice(json.invoiceId(), json.invoiceNumber() == null ? "" : json.invoiceNumber(),
                json.contact() == null || json.contact().contactId() == null ? "" : json.contact().contactId(),
                Optional.ofNullable(json.reference()).filter(r -> !r.isBlank()), currency, issue, due, status,
                new Money(subTotal, currency), new Money(tax, currency), new Money(total, currency),
                new Money(amountDue, currency), link, lines, updated);
    }

    /**
     * The normalised status before {@code OVERDUE} is derived.
     *
     * @param xeroStatus Xero's status
     * @param paid       paid plus credited
     * @param amountDue  still due
     * @return the status
     */
    public static InvoiceStatus status(String xeroStatus, BigDecimal paid, BigDecimal amountDue) {
        String s = xeroStatus == null ? "" : xeroStatus.toUpperCase(Locale.ROOT);
        return switch (s) {
            case "PAID" -> InvoiceStatus.PAID;
            case "VOIDED", "DELETED" -> InvoiceStatus.VOID;
            case "AUTHORISED" -> paid.signum() > 0 && amountDue.signum() > 0 ? InvoiceStatus.PARTIALLY_PAID
                    : amountDue.signum() == 0 && paid.signum() > 0 ? InvoiceStatus.PAID
                    : InvoiceStatus.AWAITING_PAYMENT;
            default -> InvoiceStatus.DRAFT;
        };
    }

    private static Optional<InvoiceLine> line(XeroJson.LineItem l, boolean inclusive, Supplier<ChartSnapshot> chart) {
        BigDecimal quantity = l.quantity() == null ? BigDecimal.ONE : l.quantity();
        BigDecimal unit = l.unitAmount() == null ? BigDecimal.ZERO : l.unitAmount();
        if (quantity.signum() == 0) {
            return Optional.empty();
        }
        if (quantity.signum() < 0) {
            quantity = quantity.negate();
            unit = unit.negate();
        }
        Discount discount = Discount.none();
        if (l.discountRate() != null && l.discountRate().signum() > 0
                && l.discountRate().compareTo(BigDecimal.valueOf(100)) <= 0) {
            discount = Discount.percent(l.discountRate());
        } else if (l.discountAmount() != null && l.discountAmount().signum() > 0) {
            discount = Discount.amount(l.discountAmount());
        }
        if (inclusive && l.lineAmount() != null && l.taxAmount() != null) {
            // Inclusive lines carry tax in the unit price; the SPI's unit prices are tax-exclusive.
            unit = l.lineAmount().subtract(l.taxAmount()).divide(quantity, MAX_DECIMALS, RoundingMode.HALF_UP);
            discount = Discount.none();
        }
        Map<DimensionType, String> dims = new EnumMap<>(DimensionType.class);
        if (l.tracking() != null && !l.tracking().isEmpty()) {
            ChartSnapshot snapshot = chart.get();
            for (XeroJson.Tracking t : l.tracking()) {
                snapshot.dimensionOf(t).ifPresent(e -> dims.put(e.getKey(), e.getValue()));
            }
        }
        String description = l.description() == null || l.description().isBlank() ? "(no description)"
                : l.description();
        String account = l.accountCode() == null || l.accountCode().isBlank() ? "(none)" : l.accountCode();
        String taxType = l.taxType() == null || l.taxType().isBlank() ? "NONE" : l.taxType();
        return Optional.of(new InvoiceLine(description, quantity, unit, discount, account, taxType,
                new Dimensions(dims), Optional.ofNullable(l.itemCode()).filter(c -> !c.isBlank())));
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
