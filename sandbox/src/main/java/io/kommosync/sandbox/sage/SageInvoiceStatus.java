package io.kommosync.sandbox.sage;

/**
 * The artefact status of a sales invoice, as Sage's {@code status.id} names it. Sales invoices use these six;
 * {@code DISPUTED} (purchases) and {@code DECLINED} (quotes) never occur on them.
 */
public enum SageInvoiceStatus {
    /** Not posted; no payments possible; deleted (not voided) by {@code DELETE}. */
    DRAFT("Draft"),
    /** Not posted, sent to the customer for payment in advance. */
    PRO_FORMA("Pro-Forma"),
    /** Posted, no payments or allocations. */
    UNPAID("Unpaid"),
    /** Payments or allocations recorded, a balance outstanding. */
    PART_PAID("Part Paid"),
    /** Fully paid. */
    PAID("Paid"),
    /** Cancelled with a reason. */
    VOID("Void");

    private final String displayedAs;

    SageInvoiceStatus(String displayedAs) {
        this.displayedAs = displayedAs;
    }

    /** @return the name Sage shows, for example {@code "Part Paid"} */
    public String displayedAs() {
        return displayedAs;
    }

    /** @return {@code true} for statuses that post a transaction (unpaid, part paid, paid) */
    public boolean isPosted() {
        return this == UNPAID || this == PART_PAID || this == PAID;
    }
}
