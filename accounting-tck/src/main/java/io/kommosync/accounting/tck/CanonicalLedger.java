package io.kommosync.accounting.tck;

import io.kommosync.accounting.spi.DimensionType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The vendor's names for the things the compatibility kit's scenarios use: which ledger account codes, tax codes
 * and dimension values the fixture's ledger holds. The kit checks that the port's chart of accounts lists them as
 * described here, then raises invoices on them.
 *
 * <p>The fixture's ledger must hold, and the port's {@link io.kommosync.accounting.spi.ChartOfAccounts} must list:
 * <ul>
 *   <li>two active accounts of type {@link io.kommosync.accounting.spi.AccountType#REVENUE};</li>
 *   <li>one active account an invoice should not post to (an expense account: a type that is not income);</li>
 *   <li>one inactive (archived) revenue account, flagged {@code active == false};</li>
 *   <li>an active standard tax rate at {@value #STANDARD_TAX_PERCENT} % and an active zero rate at 0 %.</li>
 * </ul>
 *
 * <p>Build one with {@link #builder()}. Immutable and thread-safe.
 *
 * @param revenueAccount         the code of an active revenue account
 * @param otherRevenueAccount    the code of a second active revenue account
 * @param expenseAccount         the code of an active account whose type is not income
 * @param inactiveRevenueAccount the code of an inactive revenue account
 * @param standardTaxCode        the code of the {@value #STANDARD_TAX_PERCENT} % sales tax rate
 * @param zeroTaxCode            the code of the 0 % sales tax rate
 * @param currency               the currency the kit's invoices are raised in
 * @param unknownInvoiceId       an id shaped like the vendor's invoice ids (a GUID for Xero, a number for
 *                               Intacct) that names no invoice, so that reading it is a "not found" and not a
 *                               malformed request
 * @param dimension              a dimension and two of its values, required when the port declares
 *                               {@link io.kommosync.accounting.spi.Capability#DIMENSIONS}
 */
public record CanonicalLedger(String revenueAccount, String otherRevenueAccount, String expenseAccount,
                              String inactiveRevenueAccount, String standardTaxCode, String zeroTaxCode,
                              Currency currency, String unknownInvoiceId, Optional<Dimension> dimension) {

    /** The percent of the standard tax rate. */
    public static final int STANDARD_TAX_PERCENT = 20;

    /**
     * A dimension the kit's invoice lines carry: the first line takes {@code valueId}, the second
     * {@code otherValueId}.
     *
     * @param type         the dimension type
     * @param valueId      the ledger's id of an active value of that dimension
     * @param otherValueId the id of a second active value
     */
    public record Dimension(DimensionType type, String valueId, String otherValueId) {
        /**
         * Validates the components.
         *
         * @throws NullPointerException     if any component is {@code null}
         * @throws IllegalArgumentException if a value id is blank or both are the same
         */
        public Dimension {
            Objects.requireNonNull(type, "type");
            requireText(valueId, "dimension valueId");
            requireText(otherValueId, "dimension otherValueId");
            if (valueId.equals(otherValueId)) {
                throw new IllegalArgumentException("the two dimension values must differ, both are " + valueId);
            }
        }
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if any component is {@code null}
     * @throws IllegalArgumentException if a code is blank, two account codes or the two tax codes are the same
     */
    public CanonicalLedger {
        requireText(revenueAccount, "revenueAccount");
        requireText(otherRevenueAccount, "otherRevenueAccount");
        requireText(expenseAccount, "expenseAccount");
        requireText(inactiveRevenueAccount, "inactiveRevenueAccount");
        requireText(standardTaxCode, "standardTaxCode");
        requireText(zeroTaxCode, "zeroTaxCode");
        Objects.requireNonNull(currency, "currency");
        requireText(unknownInvoiceId, "unknownInvoiceId");
        Objects.requireNonNull(dimension, "dimension");
        Set<String> accounts = new HashSet<>(List.of(revenueAccount, otherRevenueAccount, expenseAccount,
                inactiveRevenueAccount));
        if (accounts.size() != 4) {
            throw new IllegalArgumentException("the four canonical accounts need four different codes, got "
                    + List.of(revenueAccount, otherRevenueAccount, expenseAccount, inactiveRevenueAccount));
        }
        if (standardTaxCode.equals(zeroTaxCode)) {
            throw new IllegalArgumentException("the standard and zero tax codes must differ, both are " + zeroTaxCode);
        }
    }

    /**
     * The standard tax percent as a number.
     *
     * @return {@value #STANDARD_TAX_PERCENT}
     */
    public static BigDecimal standardTaxPercent() {
        return BigDecimal.valueOf(STANDARD_TAX_PERCENT);
    }

    /**
     * A new builder; the currency defaults to GBP and there is no dimension.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Builds a {@link CanonicalLedger}. Mutable and not thread-safe. */
    public static final class Builder {
        private String revenueAccount;
        private String otherRevenueAccount;
        private String expenseAccount;
        private String inactiveRevenueAccount;
        private String standardTaxCode;
        private String zeroTaxCode;
        private Currency currency = Currency.getInstance("GBP");
        private String unknownInvoiceId;
        private Dimension dimension;

        private Builder() {
        }

        /**
         * The two active revenue accounts.
         *
         * @param first  the code of the first
         * @param second the code of the second
         * @return this builder
         */
        public Builder revenueAccounts(String first, String second) {
            this.revenueAccount = first;
            this.otherRevenueAccount = second;
            return this;
        }

        /**
         * The active account whose type is not income.
         *
         * @param code the account code
         * @return this builder
         */
        public Builder expenseAccount(String code) {
            this.expenseAccount = code;
            return this;
        }

        /**
         * The inactive revenue account.
         *
         * @param code the account code
         * @return this builder
         */
        public Builder inactiveRevenueAccount(String code) {
            this.inactiveRevenueAccount = code;
            return this;
        }

        /**
         * The two tax codes.
         *
         * @param standard the code of the {@value CanonicalLedger#STANDARD_TAX_PERCENT} % rate
         * @param zero     the code of the 0 % rate
         * @return this builder
         */
        public Builder taxCodes(String standard, String zero) {
            this.standardTaxCode = standard;
            this.zeroTaxCode = zero;
            return this;
        }

        /**
         * The currency of the kit's invoices (GBP unless set).
         *
         * @param value the currency
         * @return this builder
         */
        public Builder currency(Currency value) {
            this.currency = value;
            return this;
        }

        /**
         * An invoice id, in the vendor's format, that names no invoice.
         *
         * @param id the id
         * @return this builder
         */
        public Builder unknownInvoiceId(String id) {
            this.unknownInvoiceId = id;
            return this;
        }

        /**
         * The dimension the kit's lines carry (needed when the port declares dimensions).
         *
         * @param type         the dimension type
         * @param valueId      the id of one active value
         * @param otherValueId the id of another active value
         * @return this builder
         */
        public Builder dimension(DimensionType type, String valueId, String otherValueId) {
            this.dimension = new Dimension(type, valueId, otherValueId);
            return this;
        }

        /**
         * Builds the canonical ledger.
         *
         * @return the canonical ledger
         * @throws IllegalStateException    naming every setting still missing
         * @throws IllegalArgumentException if a setting is invalid
         */
        public CanonicalLedger build() {
            List<String> missing = new ArrayList<>();
            if (revenueAccount == null || otherRevenueAccount == null) {
                missing.add("revenueAccounts(first, second)");
            }
            if (expenseAccount == null) {
                missing.add("expenseAccount(code)");
            }
            if (inactiveRevenueAccount == null) {
                missing.add("inactiveRevenueAccount(code)");
            }
            if (standardTaxCode == null || zeroTaxCode == null) {
                missing.add("taxCodes(standard, zero)");
            }
            if (currency == null) {
                missing.add("currency(currency)");
            }
            if (unknownInvoiceId == null) {
                missing.add("unknownInvoiceId(id)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("CanonicalLedger.Builder is missing: " + String.join(", ", missing));
            }
            return new CanonicalLedger(revenueAccount, otherRevenueAccount, expenseAccount, inactiveRevenueAccount,
                    standardTaxCode, zeroTaxCode, currency, unknownInvoiceId, Optional.ofNullable(dimension));
        }
    }
}
