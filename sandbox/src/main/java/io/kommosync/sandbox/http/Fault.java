package io.kommosync.sandbox.http;

import java.time.Duration;
import java.util.Objects;

/**
 * One injected misbehaviour of a simulated server, chosen by a {@link FaultPlan}.
 */
public sealed interface Fault {

    /**
     * Answer with this response instead of calling the route handler.
     *
     * @param response the injected response
     */
    record Respond(SimulatedResponse response) implements Fault {
        /** Validates. */
        public Respond {
            Objects.requireNonNull(response, "response");
        }
    }

    /** Drop the connection without answering; the request never reaches the route handler. */
    record Reset() implements Fault {
    }

    /**
     * Let the route handler do its work (state changes happen), then drop the connection without sending its answer:
     * a lost answer at once, without waiting for the client's timeout. Clients that retry silently on a dropped
     * connection (OkHttp's {@code retryOnConnectionFailure}) send the request again.
     */
    record LostAnswer() implements Fault {
    }

    /**
     * Let the route handler do its work (state changes happen) but hold the answer back for {@code delay}, meant to
     * exceed the client's timeout: the client gives up although the server acted, the case idempotency keys exist
     * for.
     *
     * @param delay how long to hold the answer
     */
    record Delay(Duration delay) implements Fault {
        /** Validates. */
        public Delay {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, was " + delay);
            }
        }
    }

    /**
     * A 5xx (or any status) with an {@code application/problem+json} body.
     *
     * @param status the HTTP status
     * @return the fault
     */
    static Fault jsonError(int status) {
        return new Respond(SimulatedResponse.problem(status, reason(status), "Injected fault"));
    }

    /**
     * A status with the HTML page nginx would send, as proxies in front of the vendor do.
     *
     * @param status the HTTP status
     * @return the fault
     */
    static Fault htmlError(int status) {
        return new Respond(SimulatedResponse.nginxError(status, reason(status)));
    }

    /**
     * Answer with a given response.
     *
     * @param response the response
     * @return the fault
     */
    static Fault respond(SimulatedResponse response) {
        return new Respond(response);
    }

    /** @return a fault that drops the connection without answering */
    static Fault reset() {
        return new Reset();
    }

    /** @return a fault that lets the handler act and then drops the connection without its answer */
    static Fault lostAnswer() {
        return new LostAnswer();
    }

    /**
     * Hold the answer back.
     *
     * @param delay how long, typically beyond the client's timeout
     * @return the fault
     */
    static Fault slow(Duration delay) {
        return new Delay(delay);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
    }
}
