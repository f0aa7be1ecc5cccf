/**
 * Stateful simulators of the vendor APIs kommo-sync talks to, for end-to-end tests, the demo and the benchmarks.
 *
 * <p>{@link io.kommosync.sandbox.http} holds the infrastructure every vendor simulator shares (server, routing,
 * journal, rate limits, latency, fault injection); each vendor has its own package beside it, starting with
 * {@link io.kommosync.sandbox.kommo}. {@link io.kommosync.sandbox.SandboxMain} runs the simulators standalone.
 *
 * <p>Everything is non-null unless a method or component says otherwise.
 */
package io.kommosync.sandbox;
