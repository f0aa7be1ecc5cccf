/**
 * The kommo-sync engine embedded in a Spring Boot 3 application:
 * {@link io.kommosync.examples.spring.KommoSyncProperties} binds {@code kommo-sync.*} from {@code application.yml},
 * {@link io.kommosync.examples.spring.KommoSyncConfiguration} assembles the Kommo client, the ledger port, the store
 * and the engine as beans, {@link io.kommosync.examples.spring.WebhookController} serves the engine's webhook
 * endpoints through Spring MVC, and {@link io.kommosync.examples.spring.KommoSyncHealthIndicator} reports to
 * {@code /actuator/health}. Non-null unless said otherwise.
 */
package io.kommosync.examples.spring;
