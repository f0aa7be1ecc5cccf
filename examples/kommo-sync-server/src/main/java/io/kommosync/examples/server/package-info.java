/**
 * The reference embedding of the kommo-sync engine: an HTTP front for the webhook endpoints and a command line
 * ({@code demo} runs the whole flow offline against the sandbox's simulators).
 */
package io.kommosync.examples.server;
