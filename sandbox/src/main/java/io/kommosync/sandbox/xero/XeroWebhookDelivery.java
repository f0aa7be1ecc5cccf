package io.kommosync.sandbox.xero;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One webhook POST the simulator sent.
 *
 * @param id               a sequence number, from 1
 * @param destination      where it went
 * @param body             the exact JSON body
 * @param signature        the {@code x-xero-signature} header sent
 * @param correctlySigned  whether the signature was made with the subscription's key (intent-to-receive sends some
 *                         deliberately wrong ones)
 * @param intentToReceive  whether it was part of an intent-to-receive check ({@code events} empty)
 * @param status           the HTTP status answered, 0 when there was no answer
 * @param responseBody     the body answered (Xero requires it empty)
 * @param error            why there was no answer, when there was none
 * @param sentAt           when, by the simulator's clock
 * @param redeliveryOf     the delivery this one repeats, when it is a redelivery
 */
public record XeroWebhookDelivery(long id, URI destination, String body, String signature, boolean correctlySigned,
                                  boolean intentToReceive, int status, String responseBody, Optional<String> error,
                                  Instant sentAt, Optional<Long> redeliveryOf) {

    /** Validates the components. */
    public XeroWebhookDelivery {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(responseBody, "responseBody");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(redeliveryOf, "redeliveryOf");
    }

    /**
     * Whether the receiver answered as Xero requires: 200 with an empty body for a correctly signed delivery, 401
     * for a wrongly signed one.
     *
     * @return true when the answer was right
     */
    public boolean answeredCorrectly() {
        return correctlySigned ? status == 200 && responseBody.isEmpty() : status == 401;
    }
}
