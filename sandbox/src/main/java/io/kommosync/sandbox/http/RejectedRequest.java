package io.kommosync.sandbox.http;

import java.util.Objects;

/**
 * Thrown by a route handler (or a helper it calls) to stop and answer with a prepared error response, for example a
 * vendor's validation error. The server catches it and sends {@link #response()}; it is never an error of the
 * simulator itself.
 */
public final class RejectedRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SimulatedResponse response;

    /**
     * Creates the exception.
     *
     * @param response what the server answers
     */
    public RejectedRequest(SimulatedResponse response) {
        super("request rejected with HTTP " + Objects.requireNonNull(response, "response").status(), null, false,
                false);
        this.response = response;
    }

    /** @return the response the server sends */
    public SimulatedResponse response() {
        return response;
    }
}
