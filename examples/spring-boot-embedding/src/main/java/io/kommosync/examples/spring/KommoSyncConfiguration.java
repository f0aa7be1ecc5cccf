package io.kommosync.examples.spring;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.client.Secret;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sync.Connection;
import io.kommosync.sync.InvoiceDefaults;
import io.kommosync.sync.KommoFields;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.TriggerRule;
import io.kommosync.sync.jdbc.SyncDatabase;
import io.kommosync.sync.kommo.KommoClientGateway;
import io.kommosync.sync.mapping.MappingTables;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The engine and its parts as beans, from {@link KommoSyncProperties}. Spring creates them in dependency order
 * (Kommo client, ledger port and store before the engine) and closes them in reverse when the context closes; the
 * engine's workers are started and stopped by {@link #syncEngineWorkers}, a {@link SmartLifecycle} in a phase before
 * the web server's, so they start before the first webhook can arrive and stop after the last one was answered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KommoSyncProperties.class)
public class KommoSyncConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(KommoSyncConfiguration.class);

    /** Starts before and stops after Boot's web server (whose lifecycles sit at {@code DEFAULT_PHASE - 2048}). */
    static final int ENGINE_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    /**
     * The Kommo API client, closed on shutdown.
     *
     * @param properties the configuration
     * @return the client
     */
    @Bean(destroyMethod = "close")
    public KommoClient kommoClient(KommoSyncProperties properties) {
        KommoSyncProperties.Kommo kommo = properties.kommo();
        return KommoClient.builder().baseUrl(kommo.baseUrl())
                .credentials(KommoCredentials.longLived(Secret.of(kommo.token())))
                .rateLimit(kommo.requestsPerSecond()).build();
    }

    /**
     * The ledger, through the adapter the provider id names (found by ServiceLoader), closed on shutdown. Keys
     * with a blank value are left out, so {@code tenantId: ${XERO_TENANT_ID:}} means "not set" when the variable is
     * missing.
     *
     * @param properties the configuration
     * @return the port
     */
    @Bean(destroyMethod = "close")
    public AccountingPort accountingPort(KommoSyncProperties properties) {
        KommoSyncProperties.Ledger ledger = properties.ledger();
        AccountingConfig.Builder config = AccountingConfig.builder();
        ledger.config().forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                return; // an unset ${ENV_VAR:} placeholder: the key is left out, as if not written
            }
            if (KommoSyncProperties.Ledger.isSecret(key)) {
                config.putSecret(key, value);
            } else {
                config.put(key, value);
            }
        });
        return AccountingPorts.load(ledger.provider(), config.build());
    }

    /**
     * The store: in the application's DataSource when {@code spring.datasource.url} is set (the DataSource stays
     * Spring's to close), otherwise in the H2 file {@code kommo-sync.store.h2-file} (closed with this bean). Either
     * way the schema is migrated before the bean is handed out.
     *
     * @param properties  the configuration
     * @param environment to see whether {@code spring.datasource.url} is set
     * @param dataSource  the application's DataSource, used only then
     * @return the database
     */
    @Bean(destroyMethod = "close")
    public SyncDatabase syncDatabase(KommoSyncProperties properties, Environment environment,
                                     ObjectProvider<DataSource> dataSource) {
        SyncDatabase.Builder builder = SyncDatabase.builder();
        if (environment.containsProperty("spring.datasource.url")) {
            builder.dataSource(dataSource.getObject());
        } else {
            builder.h2File(properties.store().h2File());
        }
        SyncDatabase database = builder.build();
        LOG.info("kommo-sync store: {}", database);
        return database;
    }

    /**
     * The engine with the one configured connection. A {@link SyncListener} bean, if the application has one, gets
     * the engine's events (metrics, alerts).
     *
     * @param properties the configuration
     * @param kommo      the Kommo client
     * @param ledger     the ledger
     * @param database   the store
     * @param listener   the application's listener, if any
     * @return the engine; its workers are started by {@link #syncEngineWorkers}
     */
    @Bean(destroyMethod = "close")
    public SyncEngine syncEngine(KommoSyncProperties properties, KommoClient kommo, AccountingPort ledger,
                                 SyncDatabase database, ObjectProvider<SyncListener> listener) {
        Connection connection = Connection.builder(properties.connectionId())
                .kommo(properties.kommo().accountId(), new KommoClientGateway(kommo))
                .webhookToken(properties.webhook().token())
                .ledger(ledger)
                .trigger(new TriggerRule("raise-invoice", properties.trigger().pipelineId(),
                        properties.trigger().stageId()))
                .mapping(MappingTables.load(properties.mappingFile()))
                .fields(KommoFields.of(properties.fields().invoiceNumber(), properties.fields().invoiceLink()))
                .defaults(InvoiceDefaults.of(properties.currency()))
                .build();
        SyncEngine.Builder builder = SyncEngine.builder().store(database.syncStore()).connection(connection)
                .lease(properties.engine().lease());
        listener.ifAvailable(builder::listener);
        LOG.info("kommo-sync connection '{}': {}, {}, {}", properties.connectionId(), properties.kommo(),
                properties.ledger(), properties.trigger());
        return builder.build();
    }

    /**
     * Registers the filter that takes the raw webhook bodies, ahead of every other filter.
     *
     * @return the registration
     */
    @Bean
    public FilterRegistrationBean<RawBodyFilter> rawWebhookBodies() {
        FilterRegistrationBean<RawBodyFilter> registration = new FilterRegistrationBean<>(new RawBodyFilter());
        registration.addUrlPatterns("/kommo/*", "/ledger/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * The {@code kommoSync} component of {@code /actuator/health}.
     *
     * @param engine     the engine
     * @param database   the store
     * @param properties the configuration
     * @return the indicator
     */
    @Bean
    public KommoSyncHealthIndicator kommoSyncHealthIndicator(SyncEngine engine, SyncDatabase database,
                                                             KommoSyncProperties properties) {
        return new KommoSyncHealthIndicator(engine, database, properties.connectionId());
    }

    /**
     * Runs the engine's worker threads while the application runs.
     *
     * @param engine     the engine
     * @param properties the configuration
     * @return the lifecycle
     */
    @Bean
    public SmartLifecycle syncEngineWorkers(SyncEngine engine, KommoSyncProperties properties) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                engine.start(properties.engine().pollInterval(), properties.engine().workers());
                running = true;
            }

            @Override
            public void stop() {
                engine.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return ENGINE_PHASE;
            }
        };
    }
}
