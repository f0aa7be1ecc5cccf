/**
 * Infrastructure every vendor simulator reuses: an HTTP server on the loopback interface with route patterns
 * ({@link io.kommosync.sandbox.http.SimulatorServer}), a journal of every request
 * ({@link io.kommosync.sandbox.http.RequestJournal}), rolling-window rate limits with abuse blocking
 * ({@link io.kommosync.sandbox.http.RateLimitRule}), seeded fault injection
 * ({@link io.kommosync.sandbox.http.FaultPlan}) and added latency ({@link io.kommosync.sandbox.http.Latency}).
 *
 * <p>Every request passes through the same pipeline: admission (rate limit, monotonic time), latency, fault plan,
 * route handler, optional injected delay, response, journal. Vendor simulators register routes and keep their own
 * state; they never touch sockets.
 *
 * <p>Everything is non-null unless a method or component says otherwise.
 */
package io.kommosync.sandbox.http;
