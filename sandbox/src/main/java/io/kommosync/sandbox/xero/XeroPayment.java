package io.kommosync.sandbox.xero;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A payment applied to an invoice.
 *
 * @param paymentId the Xero id (a UUID)
 * @param amount    the amount, in the invoice's currency
 * @param date      the payment date
 */
public record XeroPayment(String paymentId, BigDecimal amount, LocalDate date) {

    /** Validates the components. */
    public XeroPayment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(date, "date");
    }
}
