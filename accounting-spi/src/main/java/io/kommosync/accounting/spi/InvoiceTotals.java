package io.kommosync.accounting.spi;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.Function;

/**
 * The totals of an invoice, computed the way every port agrees on: each line's net amount rounded to the
 * currency's minor unit, each line's tax computed on that and rounded, then summed.
 *
 * @param net   the sum of the lines' net amounts
 * @param tax   the sum of the lines' tax amounts
 * @param total {@code net + tax}
 */
public record InvoiceTotals(Money net, Money tax, Money total) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if {@code total} is not {@code net + tax}
     */
    public InvoiceTotals {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(total, "total");
        if (!net.plus(tax).isSameAmount(total)) {
            throw new IllegalArgumentException("total " + total + " is not net " + net + " + tax " + tax);
        }
    }

    /**
     * Computes the totals of a draft.
     *
     * @param draft    the draft
     * @param taxRates the tax rate of each tax code the lines use
     * @return the totals
     */
    public static InvoiceTotals of(InvoiceDraft draft, Function<String, TaxRate> taxRates) {
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (InvoiceLine line : draft.lines()) {
            net = net.add(line.netAmount(draft.currency()));
            tax = tax.add(line.taxAmount(draft.currency(), taxRates.apply(line.taxCode())));
        }
        Money netMoney = new Money(net, draft.currency()).rounded();
        Money taxMoney = new Money(tax, draft.currency()).rounded();
        return new InvoiceTotals(netMoney, taxMoney, netMoney.plus(taxMoney));
    }
}
