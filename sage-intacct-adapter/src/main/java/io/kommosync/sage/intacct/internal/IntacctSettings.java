package io.kommosync.sage.intacct.internal;

import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What both transports read from the configuration.
 *
 * @param baseUrl            the API host root, for example {@code https://api.intacct.com/}
 * @param companyId          the company id
 * @param entityId           the entity, for multi-entity companies
 * @param pageSize           the page size of queries
 * @param quantityField      the line custom field keeping the quantity, when configured
 * @param unitPriceField     the line custom field keeping the unit price, when configured
 * @param clock              the clock
 * @param retry              the in-call retry settings
 * @param maxConcurrent      the most concurrent requests
 * @param timeout            the read timeout
 * @param senderId           XML: the Web Services sender id
 * @param senderPassword     XML: its password (empty for REST)
 * @param userId             the company user (XML login, REST client credentials)
 * @param userPassword       XML: the user's password (empty for REST)
 */
public record IntacctSettings(URI baseUrl, String companyId, Optional<String> entityId, int pageSize,
                             Optional<String> quantityField, Optional<String> unitPriceField, Clock clock,
                             RetrySettings retry, int maxConcurrent, Duration timeout, String senderId,
                             Optional<Secret> senderPassword, String userId, Optional<Secret> userPassword) {

    /** Validates. */
    public IntacctSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(quantityField, "quantityField");
        Objects.requireNonNull(unitPriceField, "unitPriceField");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(senderPassword, "senderPassword");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userPassword, "userPassword");
    }

    /** @return a description without secrets */
    @Override
    public String toString() {
        return "IntacctSettings[" + baseUrl + ", company " + companyId + entityId.map(e -> "|" + e).orElse("") + "]";
    }
}
