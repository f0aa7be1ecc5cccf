/**
 * The REST transport: OAuth2 (authorization code with {@code offline_access} and rotating refresh tokens through
 * {@code client-support}'s token manager, or client credentials with {@code user@company|entity}), the entity header
 * {@code X-IA-API-Param-Entity}, the customer, invoice and GL account objects, the query service, and
 * {@code ia::result}/{@code ia::error} bodies mapped to the SPI's failures.
 */
package io.kommosync.sage.intacct.rest;
