package io.kommosync.accounting.spi;

/**
 * The kinds of analytic dimension a ledger line can carry. Sage Intacct uses most of them; Xero maps its
 * (at most two) tracking categories to {@link #TRACKING_1} and {@link #TRACKING_2}.
 */
public enum DimensionType {
    /** A department or cost centre. */
    DEPARTMENT,
    /** A location or entity site. */
    LOCATION,
    /** A project. */
    PROJECT,
    /** A class (Intacct). */
    CLASS,
    /** A customer dimension (Intacct lines carry the customer). */
    CUSTOMER,
    /** An item (Intacct). */
    ITEM,
    /** An employee. */
    EMPLOYEE,
    /** A vendor. */
    VENDOR,
    /** Xero's first tracking category. */
    TRACKING_1,
    /** Xero's second tracking category. */
    TRACKING_2
}
