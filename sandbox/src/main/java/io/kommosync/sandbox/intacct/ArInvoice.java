package io.kommosync.sandbox.intacct;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of an AR invoice (ARINVOICE) of the simulated company.
 *
 * @param recordNo     the system key ({@code RECORDNO})
 * @param recordId     the invoice number ({@code RECORDID}), {@code ""} for a draft raised without one
 * @param docNumber    the reference number ({@code DOCNUMBER}; {@code ponumber} on create), {@code ""} when none
 * @param customerId   the customer id
 * @param whenCreated  the invoice date
 * @param whenDue      the due date
 * @param currency     the transaction currency
 * @param description  the description
 * @param state        {@code Draft}, {@code Posted}, {@code Partially Paid}, {@code Paid} or {@code Reversed}
 * @param totalEntered the total including tax
 * @param totalPaid    what has been paid
 * @param whenModified when it last changed
 * @param entity       the entity (location) it was created in, {@code ""} at the top level
 * @param lines        the lines
 */
public record ArInvoice(long recordNo, String recordId, String docNumber, String customerId, LocalDate whenCreated,
                        LocalDate whenDue, String currency, String description, String state,
                        BigDecimal totalEntered, BigDecimal totalPaid, Instant whenModified, String entity,
                        List<ArInvoiceLine> lines) {

    /** Validates and copies. */
    public ArInvoice {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(docNumber, "docNumber");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(whenCreated, "whenCreated");
        Objects.requireNonNull(whenDue, "whenDue");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(totalEntered, "totalEntered");
        Objects.requireNonNull(totalPaid, "totalPaid");
        Objects.requireNonNull(whenModified, "whenModified");
        Objects.requireNonNull(entity, "entity");
        lines = List.copyOf(lines);
    }

    /** @return {@code totalEntered - totalPaid}, zero once reversed */
    public BigDecimal totalDue() {
        return "Reversed".equals(state) ? BigDecimal.ZERO.setScale(2) : totalEntered.subtract(totalPaid);
    }

    /** @return the sum of the line amounts */
    public BigDecimal net() {
        return lines.stream().map(ArInvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** @return the sum of the lines' tax */
    public BigDecimal tax() {
        return lines.stream().map(ArInvoiceLine::tax).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
