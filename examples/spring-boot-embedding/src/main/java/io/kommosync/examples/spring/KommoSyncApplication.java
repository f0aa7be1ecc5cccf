package io.kommosync.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;

/**
 * The example application. Flyway's auto-configuration is off: the store migrates its own schema (history table
 * {@code ks_schema_history}) whichever database it is given, and Boot's Flyway support is written for another
 * Flyway version than the one the store uses.
 */
@SpringBootApplication(exclude = FlywayAutoConfiguration.class)
public class KommoSyncApplication {

    /**
     * Runs the application.
     *
     * @param args Spring Boot's command line arguments, for example {@code --kommo-sync.engine.workers=4}
     */
    public static void main(String[] args) {
        SpringApplication.run(KommoSyncApplication.class, args);
    }
}
