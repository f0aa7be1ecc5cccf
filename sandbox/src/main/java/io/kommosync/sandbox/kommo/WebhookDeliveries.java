package io.kommosync.sandbox.kommo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The log of every webhook POST a {@link KommoSimulator} sent, for assertions.
 *
 * <p>Thread-safe.
 */
public final class WebhookDeliveries {

    private final List<WebhookDelivery> deliveries = new ArrayList<>();

    WebhookDeliveries() {
    }

    synchronized void record(WebhookDelivery delivery) {
        deliveries.add(Objects.requireNonNull(delivery, "delivery"));
    }

    /** @return every delivery, in the order sent */
    public synchronized List<WebhookDelivery> all() {
        return List.copyOf(deliveries);
    }

    /**
     * The deliveries an account fired.
     *
     * @param account the account
     * @return its deliveries, in the order sent
     */
    public List<WebhookDelivery> of(SandboxAccount account) {
        return all().stream().filter(d -> d.accountSubdomain().equals(account.subdomain())).toList();
    }

    /**
     * The deliveries sent to one destination.
     *
     * @param destination the destination URI
     * @return its deliveries, in the order sent
     */
    public List<WebhookDelivery> to(URI destination) {
        return all().stream().filter(d -> d.destination().equals(destination)).toList();
    }

    /** @return the latest delivery, or empty */
    public synchronized Optional<WebhookDelivery> last() {
        return deliveries.isEmpty() ? Optional.empty() : Optional.of(deliveries.get(deliveries.size() - 1));
    }

    /** @return how many deliveries were sent */
    public synchronized int size() {
        return deliveries.size();
    }

    /** Forgets every delivery. */
    public synchronized void clear() {
        deliveries.clear();
    }
}
