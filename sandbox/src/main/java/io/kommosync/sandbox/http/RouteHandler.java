package io.kommosync.sandbox.http;

/**
 * Answers the requests of one route. Implementations must be thread-safe: the server calls them from many threads.
 */
@FunctionalInterface
public interface RouteHandler {

    /**
     * Handles one request.
     *
     * @param request the request, with the route's path variables bound
     * @return the response to send
     * @throws RejectedRequest to answer with a prepared error response
     */
    SimulatedResponse handle(SimulatedRequest request);
}
