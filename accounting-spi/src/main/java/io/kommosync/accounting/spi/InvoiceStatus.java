package io.kommosync.accounting.spi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The normalised life-cycle state of an invoice, whatever the ledger calls it.
 */
public enum InvoiceStatus {
    /** Not yet approved; may still change. */
    DRAFT,
    /** Approved and unpaid, not yet due. */
    AWAITING_PAYMENT,
    /** Approved, part paid, not yet due. */
    PARTIALLY_PAID,
    /** Fully paid. */
    PAID,
    /** Approved, past its due date with an amount still due. Derived where the ledger has no such state. */
    OVERDUE,
    /** Voided or deleted. */
    VOID;

    /**
     * Derives {@link #OVERDUE} for ledgers that have no such state: an awaiting-payment or part-paid invoice whose
     * due date has passed and which still has an amount due is overdue; every other status stays as it is.
     *
     * @param base      the status as the ledger reports it
     * @param dueDate   the due date
     * @param amountDue the amount still due
     * @param today     today's date in the ledger's time zone
     * @return {@link #OVERDUE} or {@code base}
     */
    public static InvoiceStatus derive(InvoiceStatus base, LocalDate dueDate, BigDecimal amountDue, LocalDate today) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(today, "today");
        boolean open = base == AWAITING_PAYMENT || base == PARTIALLY_PAID;
        return open && today.isAfter(dueDate) && amountDue.signum() > 0 ? OVERDUE : base;
    }

    /**
     * Whether nothing more will happen to the invoice on its own.
     *
     * @return {@code true} for {@link #PAID} and {@link #VOID}
     */
    public boolean isFinal() {
        return this == PAID || this == VOID;
    }
}
