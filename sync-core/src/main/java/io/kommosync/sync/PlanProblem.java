package io.kommosync.sync;

import java.util.Objects;

/**
 * Why a deal's invoice cannot be raised as it stands.
 *
 * @param kind    what kind of problem
 * @param message what is wrong and what to do, in words a manager or accountant understands
 */
public record PlanProblem(Kind kind, String message) {

    /** Kinds of problem; {@link #fixedByMapping()} tells which a mapping change can fix. */
    public enum Kind {
        /** A product has no row in the mapping table. */
        UNMAPPED_PRODUCT(true),
        /** A mapping row points at an account or tax code the ledger rejects, or lacks a required dimension. */
        INVALID_MAPPING(true),
        /** The deal has no products and the mapping table has no fallback for that. */
        NO_PRODUCTS(true),
        /** The deal has no contact. */
        NO_CONTACT(false),
        /** The deal's main contact has no e-mail address. */
        NO_EMAIL(false),
        /** A product has no price. */
        NO_PRICE(false),
        /** A value on the deal cannot be used (a discount that is not a percentage, an unknown dimension value). */
        BAD_DEAL_VALUE(false);

        private final boolean fixedByMapping;

        Kind(boolean fixedByMapping) {
            this.fixedByMapping = fixedByMapping;
        }

        /**
         * Whether changing the mapping table can fix it (the job waits for that), or a person must change the deal.
         *
         * @return {@code true} for mapping problems
         */
        public boolean fixedByMapping() {
            return fixedByMapping;
        }
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public PlanProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
