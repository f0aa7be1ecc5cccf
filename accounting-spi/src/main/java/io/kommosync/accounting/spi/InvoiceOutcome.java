package io.kommosync.accounting.spi;

import java.util.Objects;

/**
 * What happened to one draft of a batch: created, or failed on its own without failing the others.
 */
public sealed interface InvoiceOutcome permits InvoiceOutcome.Created, InvoiceOutcome.Failed {

    /**
     * The key of the draft this outcome belongs to.
     *
     * @return the idempotency key
     */
    IdempotencyKey key();

    /**
     * The draft was created (or had been created before under the same key).
     *
     * @param key     the draft's key
     * @param invoice the invoice
     */
    record Created(IdempotencyKey key, Invoice invoice) implements InvoiceOutcome {
        /**
         * Validates the components.
         *
         * @throws NullPointerException if any component is {@code null}
         */
        public Created {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(invoice, "invoice");
        }
    }

    /**
     * The draft failed.
     *
     * @param key     the draft's key
     * @param failure why; {@link AccountingException#retryable()} says whether to try it again
     */
    record Failed(IdempotencyKey key, AccountingException failure) implements InvoiceOutcome {
        /**
         * Validates the components.
         *
         * @throws NullPointerException if any component is {@code null}
         */
        public Failed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(failure, "failure");
        }
    }
}
