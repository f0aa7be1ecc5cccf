package io.kommosync.sandbox.sage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A ledger account of a simulated business.
 *
 * @param id              Sage's id (32 hex characters)
 * @param nominalCode     the nominal code the accountant knows, for example {@code 4000}
 * @param name            the name
 * @param type            the ledger account type
 * @param visibleInSales  whether it is offered on sales artefacts ({@code visible_in=sales})
 * @param includedInChart whether it is in the chart of accounts; an account taken out of the chart cannot be posted
 *                        to
 * @param defaultTaxRateId the id of its default tax rate, when it has one
 * @param createdAt       when it was created
 * @param updatedAt       when it last changed
 */
public record SageLedgerAccount(String id, int nominalCode, String name, SageLedgerAccountType type,
                                boolean visibleInSales, boolean includedInChart, Optional<String> defaultTaxRateId,
                                Instant createdAt, Instant updatedAt) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SageLedgerAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultTaxRateId, "defaultTaxRateId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return what Sage shows, for example {@code "Sales Type A (4000)"} */
    public String displayedAs() {
        return name + " (" + nominalCode + ")";
    }

    SageLedgerAccount withChart(boolean included, Instant at) {
        return new SageLedgerAccount(id, nominalCode, name, type, visibleInSales, included, defaultTaxRateId,
                createdAt, at);
    }
}
