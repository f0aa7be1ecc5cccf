package io.kommosync.accounting.tck.memory;

import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.Capability;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.ErrorContext;
import io.kommosync.accounting.spi.FieldError;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceChanges;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceOutcome;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.KeyedDraft;
import io.kommosync.accounting.spi.NotFoundException;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The reference {@link AccountingPort}: it talks to an {@link InMemoryLedger} the way an adapter talks to a
 * vendor API, and passes the compatibility kit. The engine's tests and the demo use it.
 *
 * <p>Capabilities: {@link Capability#DIMENSIONS}, {@link Capability#BATCH_INVOICES},
 * {@link Capability#IDEMPOTENCY_KEYS}, {@link Capability#INVOICE_LINKS}, {@link Capability#VOID_INVOICES}; no
 * webhooks (poll {@link #invoiceChangesSince}).
 *
 * <p>Behaviour: the ledger validates each draft against its chart (unknown or inactive account, unknown tax
 * code, unknown dimension value, a dimension the account requires, unknown customer) and rejects it with a
 * {@link ValidationException} listing every {@link FieldError}; {@link InvoiceStatus#OVERDUE} is derived from this
 * port's clock; scripted failures ({@link InMemoryLedger#failNext}) surface as the exception an HTTP adapter would
 * raise for them, with the HTTP status and a vendor request id; change cursors are positions in the ledger's
 * change log, so no change is ever lost across pages.
 *
 * <p>Build one with {@link #builder(InMemoryLedger)}, or through {@link InMemoryAccountingPortProvider} from
 * configuration. Thread-safe. Closing it does nothing.
 */
public final class InMemoryAccountingPort implements AccountingPort {

    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.DIMENSIONS,
            Capability.BATCH_INVOICES, Capability.IDEMPOTENCY_KEYS, Capability.INVOICE_LINKS, Capability.VOID_INVOICES));
    private static final String CURSOR_PREFIX = "mem:";

    private final InMemoryLedger ledger;
    private final String providerId;
    private final int pageSize;
    private final Clock clock;
    private final Optional<String> accessToken;

    private InMemoryAccountingPort(Builder b) {
        this.ledger = b.ledger;
        this.providerId = b.providerId;
        this.pageSize = b.pageSize;
        this.clock = b.clock != null ? b.clock : b.ledger.clock();
        this.accessToken = Optional.ofNullable(b.accessToken);
    }

    /**
     * A builder of a port on a ledger: provider id {@value InMemoryAccountingPortProvider#ID}, pages of 100
     * changes, the ledger's clock, no access token.
     *
     * @param ledger the ledger
     * @return a builder
     */
    public static Builder builder(InMemoryLedger ledger) {
        return new Builder(ledger);
    }

    /**
     * The ledger this port talks to.
     *
     * @return the ledger
     */
    public InMemoryLedger ledger() {
        return ledger;
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ChartOfAccounts chartOfAccounts() {
        return call(PortOperation.CHART_OF_ACCOUNTS, ctx -> ledger.chartOfAccounts());
    }

    @Override
    public Optional<Customer> findCustomerByEmail(String email) {
        Objects.requireNonNull(email, "email");
        return call(PortOperation.FIND_CUSTOMER_BY_EMAIL, ctx -> ledger.findCustomerByEmail(email));
    }

    @Override
    public Optional<Customer> findCustomerById(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return call(PortOperation.FIND_CUSTOMER_BY_ID, ctx -> ledger.customer(customerId));
    }

    @Override
    public Customer createCustomer(CustomerDraft draft, IdempotencyKey key) {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(key, "key");
        return call(PortOperation.CREATE_CUSTOMER, ctx -> ledger.createCustomer(draft, key));
    }

    @Override
    public Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key) {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(key, "key");
        return call(PortOperation.CREATE_INVOICE, ctx -> ledger.createInvoice(draft, key, ctx, today()));
    }

    @Override
    public List<InvoiceOutcome> createInvoices(List<KeyedDraft> drafts) {
        List<KeyedDraft> copy = List.copyOf(drafts);
        return call(PortOperation.CREATE_INVOICES, ctx -> {
            List<InvoiceOutcome> outcomes = new ArrayList<>(copy.size());
            for (KeyedDraft d : copy) {
                try {
                    outcomes.add(new InvoiceOutcome.Created(d.key(), ledger.createInvoice(d.draft(), d.key(), ctx, today())));
                } catch (ValidationException e) {
                    outcomes.add(new InvoiceOutcome.Failed(d.key(), e));
                }
            }
            return List.copyOf(outcomes);
        });
    }

    @Override
    public Optional<Invoice> findInvoiceByReference(String reference) {
        Objects.requireNonNull(reference, "reference");
        return call(PortOperation.FIND_INVOICE_BY_REFERENCE, ctx -> ledger.findByReferenceAsOf(reference, today()));
    }

    @Override
    public Invoice invoice(String invoiceId) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        return call(PortOperation.INVOICE, ctx -> ledger.invoiceAsOf(invoiceId, today()).orElseThrow(() ->
                new NotFoundException(ctx.withHttpStatus(404), "the ledger has no invoice with id " + invoiceId)));
    }

    @Override
    public InvoiceChanges invoiceChangesSince(ChangeCursor cursor) {
        Objects.requireNonNull(cursor, "cursor");
        return call(PortOperation.INVOICE_CHANGES_SINCE, ctx -> {
            long after = position(cursor, ctx);
            InMemoryLedger.ChangePage page = ledger.changesAfter(after, pageSize, today());
            return new InvoiceChanges(page.invoices(), new ChangeCursor(CURSOR_PREFIX + page.lastSeq()), page.hasMore());
        });
    }

    private long position(ChangeCursor cursor, ErrorContext ctx) {
        Optional<java.time.Instant> since = cursor.sinceInstant();
        if (since.isPresent()) {
            return ledger.lastSeqBefore(since.get());
        }
        if (cursor.value().startsWith(CURSOR_PREFIX)) {
            try {
                long seq = Long.parseLong(cursor.value().substring(CURSOR_PREFIX.length()));
                if (seq >= 0) {
                    return seq;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ValidationException(ctx.withHttpStatus(400), "'" + cursor.value() + "' is not a cursor of this port",
                List.of(new FieldError("cursor", "start with ChangeCursor.since(instant) or pass a cursor this port "
                        + "returned", "invalid_cursor")));
    }

    @Override
    public Invoice voidInvoice(String invoiceId, String reason) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(reason, "reason");
        return call(PortOperation.VOID_INVOICE, ctx -> ledger.voidUnpaid(invoiceId, ctx, today()));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private <T> T call(PortOperation operation, Function<ErrorContext, T> action) {
        InMemoryLedger.Call call = ledger.begin(operation, accessToken);
        ErrorContext ctx = ErrorContext.of(providerId, operation.methodName()).withVendorRequestId(call.requestId());
        if (call.failure().isEmpty()) {
            return action.apply(ctx);
        }
        SimulatedFailure failure = call.failure().get();
        if (failure instanceof SimulatedFailure.LostResponse) {
            action.apply(ctx);
            throw new TransientAccountingException(ctx,
                    "the ledger did not answer in time; the call may have been applied, retry it with the same key");
        }
        throw exceptionFor(failure, ctx);
    }

    private static AccountingException exceptionFor(SimulatedFailure failure, ErrorContext ctx) {
        if (failure instanceof SimulatedFailure.RateLimited r) {
            return new RateLimitedException(ctx.withHttpStatus(429),
                    "the ledger is throttling calls; retry after " + r.retryAfter().toSeconds() + " s", r.retryAfter());
        }
        if (failure instanceof SimulatedFailure.ServerError s) {
            return new TransientAccountingException(ctx.withHttpStatus(s.status()),
                    "the ledger failed to answer (HTTP " + s.status() + "); retry later");
        }
        if (failure instanceof SimulatedFailure.Validation v) {
            return new ValidationException(ctx.withHttpStatus(v.status()), "the ledger rejected the request",
                    List.of(new FieldError(v.field(), v.message(), "simulated")));
        }
        if (failure instanceof SimulatedFailure.Unauthorized) {
            return new AuthenticationException(ctx.withHttpStatus(401),
                    "the ledger rejected the access token; re-authorise the connection");
        }
        throw new IllegalStateException("unhandled simulated failure " + failure);
    }

    @Override
    public String toString() {
        return "InMemoryAccountingPort[" + providerId + ", pageSize=" + pageSize + ", "
                + (accessToken.isPresent() ? "with" : "without") + " access token]";
    }

    /** Builds an {@link InMemoryAccountingPort}. Mutable and not thread-safe. */
    public static final class Builder {
        private final InMemoryLedger ledger;
        private String providerId = InMemoryAccountingPortProvider.ID;
        private int pageSize = InMemoryAccountingPortProvider.DEFAULT_PAGE_SIZE;
        private Clock clock;
        private String accessToken;

        private Builder(InMemoryLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
        }

        /**
         * The provider id the port reports and names in its exceptions ({@value InMemoryAccountingPortProvider#ID}
         * unless a test wraps the port under another provider).
         *
         * @param id the provider id
         * @return this builder
         */
        public Builder providerId(String id) {
            this.providerId = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * How many invoices a page of {@link AccountingPort#invoiceChangesSince} holds at most.
         *
         * @param size 1 to 1000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder pageSize(int size) {
            if (size < 1 || size > 1000) {
                throw new IllegalArgumentException("pageSize must be from 1 to 1000, got " + size);
            }
            this.pageSize = size;
            return this;
        }

        /**
         * The clock that decides "today" for {@link InvoiceStatus#OVERDUE} (the ledger's clock unless set).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The access token presented to the ledger (see {@link InMemoryLedger#requireAccessToken}).
         *
         * @param token the token
         * @return this builder
         */
        public Builder accessToken(String token) {
            this.accessToken = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * Builds the port.
         *
         * @return the port
         */
        public InMemoryAccountingPort build() {
            return new InMemoryAccountingPort(this);
        }
    }
}
