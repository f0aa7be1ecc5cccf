package io.kommosync.accounting.tck.broken;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingException;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPortProvider;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.ChangeCursor;
import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.ErrorContext;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.InvalidConfigurationException;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceChanges;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceOutcome;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.accounting.spi.KeyedDraft;
import io.kommosync.accounting.spi.Money;
import io.kommosync.accounting.spi.RateLimitedException;
import io.kommosync.accounting.spi.TransientAccountingException;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.accounting.tck.memory.InMemoryAccountingPortProvider;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Deliberately broken ports, each the in-memory port with one realistic bug, and the providers that make them
 * (registered in this module's test {@code META-INF/services}). {@link KitCanFailTest} runs the kit against each.
 */
public final class BrokenPorts {

    private BrokenPorts() {
    }

    /** Builds the in-memory port under the broken provider's id, then wraps it. */
    abstract static class BrokenProvider implements AccountingPortProvider {
        private final String id;
        private final BiFunction<AccountingPort, AccountingConfig, AccountingPort> wrap;

        BrokenProvider(String id, BiFunction<AccountingPort, AccountingConfig, AccountingPort> wrap) {
            this.id = id;
            this.wrap = wrap;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public AccountingPort create(AccountingConfig config) {
            AccountingPort inner;
            try {
                inner = new InMemoryAccountingPortProvider().builderFrom(config).providerId(id).build();
            } catch (InvalidConfigurationException e) {
                throw new InvalidConfigurationException(id, e.problems());
            }
            return wrap.apply(inner, config);
        }
    }

    /** Creates a second invoice when a key comes back (forgets keys, as a port without idempotency would). */
    static final class DuplicatingPort extends ForwardingPort {
        private final Set<IdempotencyKey> seen = ConcurrentHashMap.newKeySet();
        private final AtomicInteger repeats = new AtomicInteger();

        DuplicatingPort(AccountingPort delegate) {
            super(delegate);
        }

        @Override
        public Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key) {
            IdempotencyKey sent = seen.add(key) ? key : IdempotencyKey.derive(key.value(), "again", String.valueOf(repeats.incrementAndGet()));
            return delegate.createInvoice(draft, sent);
        }

        @Override
        public List<InvoiceOutcome> createInvoices(List<KeyedDraft> drafts) {
            List<InvoiceOutcome> outcomes = new ArrayList<>();
            for (KeyedDraft d : drafts) {
                try {
                    outcomes.add(new InvoiceOutcome.Created(d.key(), createInvoice(d.draft(), d.key())));
                } catch (AccountingException e) {
                    outcomes.add(new InvoiceOutcome.Failed(d.key(), e));
                }
            }
            return outcomes;
        }
    }

    /** Provider {@code broken-duplicates}. */
    public static final class DuplicatingProvider extends BrokenProvider {
        /** For ServiceLoader. */
        public DuplicatingProvider() {
            super("broken-duplicates", (port, config) -> new DuplicatingPort(port));
        }
    }

    /** Reports a 429 as a validation error, so the engine would never retry it. */
    static final class RateLimitAsValidationPort extends ForwardingPort {
        RateLimitAsValidationPort(AccountingPort delegate) {
            super(delegate);
        }

        @Override
        public Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key) {
            try {
                return delegate.createInvoice(draft, key);
            } catch (RateLimitedException e) {
                throw new ValidationException(e.context(), "too many requests", List.of());
            }
        }
    }

    /** Provider {@code broken-429-as-validation}. */
    public static final class RateLimitAsValidationProvider extends BrokenProvider {
        /** For ServiceLoader. */
        public RateLimitAsValidationProvider() {
            super("broken-429-as-validation", (port, config) -> new RateLimitAsValidationPort(port));
        }
    }

    /** Drops the last invoice of every page that is followed by another (an off-by-one in paging). */
    static final class PageLosingPort extends ForwardingPort {
        PageLosingPort(AccountingPort delegate) {
            super(delegate);
        }

        @Override
        public InvoiceChanges invoiceChangesSince(ChangeCursor cursor) {
            InvoiceChanges page = delegate.invoiceChangesSince(cursor);
            if (!page.hasMore() || page.invoices().isEmpty()) {
                return page;
            }
            return new InvoiceChanges(page.invoices().subList(0, page.invoices().size() - 1), page.next(), true);
        }
    }

    /** Provider {@code broken-loses-changes}. */
    public static final class PageLosingProvider extends BrokenProvider {
        /** For ServiceLoader. */
        public PageLosingProvider() {
            super("broken-loses-changes", (port, config) -> new PageLosingPort(port));
        }
    }

    /** Matches e-mail addresses exactly, as a vendor filter would without lower-casing. */
    static final class CaseSensitiveEmailPort extends ForwardingPort {
        CaseSensitiveEmailPort(AccountingPort delegate) {
            super(delegate);
        }

        @Override
        public Optional<Customer> findCustomerByEmail(String email) {
            return delegate.findCustomerByEmail(email).filter(c -> c.email().filter(email::equals).isPresent());
        }
    }

    /** Provider {@code broken-email-case}. */
    public static final class CaseSensitiveEmailProvider extends BrokenProvider {
        /** For ServiceLoader. */
        public CaseSensitiveEmailProvider() {
            super("broken-email-case", (port, config) -> new CaseSensitiveEmailPort(port));
        }
    }

    /** Reports totals a cent too high on the invoices it creates (a rounding slip). */
    static final class CentOffPort extends ForwardingPort {
        CentOffPort(AccountingPort delegate) {
            super(delegate);
        }

        @Override
        public Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key) {
            Invoice i = delegate.createInvoice(draft, key);
            Money cent = new Money(new BigDecimal("0.01"), i.currency());
            return new Invoice(i.id(), i.number(), i.customerId(), i.reference(), i.currency(), i.issueDate(),
                    i.dueDate(), i.status(), i.net().plus(cent), i.tax(), i.total().plus(cent),
                    i.amountDue().plus(cent), i.link(), i.lines(), i.updatedAt());
        }
    }

    /** Provider {@code broken-cent-off}. */
    public static final class CentOffProvider extends BrokenProvider {
        /** For ServiceLoader. */
        public CentOffProvider() {
            super("broken-cent-off", (port, config) -> new CentOffPort(port));
        }
    }

    /** Passes the ledger's status through without deriving OVERDUE. */
    static final class NeverOverduePort extends ForwardingPort {
        NeverOverduePort(AccountingPort delegate) {
            super(delegate);
        }

        @Override
        public Invoice invoice(String invoiceId) {
            return undo(delegate.invoice(invoiceId));
        }

        @Override
        public Optional<Invoice> findInvoiceByReference(String reference) {
            return delegate.findInvoiceByReference(reference).map(NeverOverduePort::undo);
        }

        private static Invoice undo(Invoice i) {
            if (i.status() != InvoiceStatus.OVERDUE) {
                return i;
            }
            return i.withStatus(i.amountDue().isSameAmount(i.total())
                    ? InvoiceStatus.AWAITING_PAYMENT : InvoiceStatus.PARTIALLY_PAID);
        }
    }

    /** Provider {@code broken-never-overdue}. */
    public static final class NeverOverdueProvider extends BrokenProvider {
        /** For ServiceLoader. */
        public NeverOverdueProvider() {
            super("broken-never-overdue", (port, config) -> new NeverOverduePort(port));
        }
    }

    /** Puts the access token it presented into authentication errors ("helpful" debugging). */
    static final class LeakySecretPort extends ForwardingPort {
        private final String token;

        LeakySecretPort(AccountingPort delegate, String token) {
            super(delegate);
            this.token = token;
        }

        @Override
        public Optional<Customer> findCustomerByEmail(String email) {
            try {
                return delegate.findCustomerByEmail(email);
            } catch (AuthenticationException e) {
                throw new AuthenticationException(e.context(), "token " + token + " was rejected", e);
            }
        }
    }

    /** Provider {@code broken-leaks-secret}. */
    public static final class LeakySecretProvider extends BrokenProvider {
        /** For ServiceLoader. */
        public LeakySecretProvider() {
            super("broken-leaks-secret",
                    (port, config) -> new LeakySecretPort(port, config.get("accessToken").orElse("")));
        }
    }

    /**
     * Writes again on a repeated key but answers with the first invoice, so only the ledger shows the duplicate.
     * Serialises its writes, so that of two concurrent writes the second always takes the duplicating path.
     */
    static final class HiddenDuplicatesPort extends ForwardingPort {
        private final Map<IdempotencyKey, Invoice> first = new ConcurrentHashMap<>();
        private final AtomicInteger repeats = new AtomicInteger();

        HiddenDuplicatesPort(AccountingPort delegate) {
            super(delegate);
        }

        @Override
        public synchronized Invoice createInvoice(InvoiceDraft draft, IdempotencyKey key) {
            Invoice earlier = first.get(key);
            if (earlier != null) {
                delegate.createInvoice(draft, IdempotencyKey.derive(key.value(), "hidden", String.valueOf(repeats.incrementAndGet())));
                return earlier;
            }
            Invoice created = delegate.createInvoice(draft, key);
            first.putIfAbsent(key, created);
            return created;
        }
    }

    /** Provider {@code broken-hidden-duplicates}. */
    public static final class HiddenDuplicatesProvider extends BrokenProvider {
        /** For ServiceLoader. */
        public HiddenDuplicatesProvider() {
            super("broken-hidden-duplicates", (port, config) -> new HiddenDuplicatesPort(port));
        }
    }

    /** Names the HTTP request instead of the port operation in its failures. */
    static final class WrongOperationPort extends ForwardingPort {
        WrongOperationPort(AccountingPort delegate) {
            super(delegate);
        }

        @Override
        public Optional<Invoice> findInvoiceByReference(String reference) {
            try {
                return delegate.findInvoiceByReference(reference);
            } catch (TransientAccountingException e) {
                ErrorContext c = e.context();
                throw new TransientAccountingException(new ErrorContext(c.providerId(), "GET /invoices",
                        c.httpStatus(), c.vendorRequestId()), "the ledger failed", e);
            }
        }
    }

    /** Provider {@code broken-wrong-operation}. */
    public static final class WrongOperationProvider extends BrokenProvider {
        /** For ServiceLoader. */
        public WrongOperationProvider() {
            super("broken-wrong-operation", (port, config) -> new WrongOperationPort(port));
        }
    }
}
