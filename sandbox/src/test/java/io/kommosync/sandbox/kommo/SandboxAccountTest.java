package io.kommosync.sandbox.kommo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.sandbox.SandboxException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KommoSimulatorExtension.class)
class SandboxAccountTest {

    private SandboxAccount acme;

    @BeforeEach
    void seed(KommoSimulator kommo) {
        acme = kommo.createAccount("acme");
    }

    @Test
    @DisplayName("a new account has an admin, the Sales pipeline with 142 and 143, and contact PHONE/EMAIL fields")
    void defaults() {
        Pipeline sales = acme.mainPipeline();
        assertThat(sales.name()).isEqualTo("Sales");
        assertThat(sales.stages()).extracting(Stage::id).contains(Stage.WON, Stage.LOST);
        assertThat(sales.stages().get(0).type()).isEqualTo(1);
        assertThat(sales.firstWorkingStage().name()).isEqualTo("Initial contact");
        assertThat(acme.adminUser().admin()).isTrue();
        assertThat(acme.currency().getCurrencyCode()).isEqualTo("USD");

        Pipeline renewals = acme.createPipeline("Renewals");
        Stage quoted = acme.addStage(renewals.id(), "Quoted");
        assertThat(acme.pipeline(renewals.id()).stages()).extracting(Stage::name)
                .containsExactly("Incoming leads", "Quoted", "Closed - won", "Closed - lost");
        assertThat(acme.pipeline(renewals.id()).firstWorkingStage()).isEqualTo(quoted);
    }

    @Test
    @DisplayName("misuse names the argument and the fix")
    void misuse(KommoSimulator kommo) {
        Pipeline sales = acme.mainPipeline();
        assertThatThrownBy(() -> acme.createLead("x", BigDecimal.ONE, sales.id(), 1, acme.adminUser().id(),
                List.of(), null)).isInstanceOf(SandboxException.class).hasMessageContaining("stage 1");
        assertThatThrownBy(() -> acme.createLead("x", new BigDecimal("-1")))
                .isInstanceOf(SandboxException.class).hasMessageContaining("price");
        assertThatThrownBy(() -> acme.lead(5)).isInstanceOf(SandboxException.class).hasMessageContaining("createLead");
        assertThatThrownBy(() -> kommo.createAccount("acme")).isInstanceOf(SandboxException.class);
        assertThatThrownBy(() -> kommo.createAccount("Not A Subdomain")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("subdomain");
        long catalog = acme.createProductsCatalog().id();
        assertThatThrownBy(() -> acme.createCatalogElement(catalog, "P", "S", "12,50", Map.of()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("PRICE");
        CatalogElement ok = acme.createCatalogElement(catalog, "P", "S", "12.50", Map.of());
        Lead lead = acme.createLead("x", BigDecimal.ONE);
        long notAPriceField = acme.catalogFields(catalog).get(0).id();
        assertThatThrownBy(() -> acme.linkProduct(lead.id(), ok.id(), BigDecimal.ONE, OptionalLong.of(notAPriceField)))
                .isInstanceOf(SandboxException.class).hasMessageContaining("price field");
        CustomField select = acme.createLeadCustomField(CustomFieldType.SELECT, "S", null, List.of("A"));
        assertThatThrownBy(() -> acme.setLeadField(lead.id(), select.id(), "B"))
                .isInstanceOf(SandboxException.class).hasMessageContaining("NotSupportedChoice");
    }

    @Test
    @DisplayName("linking an element again replaces its quantity; moving to a closing stage sets closed_at")
    void linksAndClosing() {
        long catalog = acme.createProductsCatalog().id();
        CatalogElement p = acme.createCatalogElement(catalog, "P", "S", "10", Map.of());
        Lead lead = acme.createLead("x", BigDecimal.ONE);
        acme.linkProduct(lead.id(), p.id(), BigDecimal.ONE);
        acme.linkProduct(lead.id(), p.id(), new BigDecimal("3.25"));
        assertThat(acme.lead(lead.id()).products()).singleElement()
                .satisfies(l -> assertThat(l.quantity()).isEqualByComparingTo("3.25"));
        assertThat(acme.lead(lead.id()).closedAt()).isNull();
        acme.moveLead(lead.id(), Stage.LOST);
        assertThat(acme.lead(lead.id()).closedAt()).isNotNull();
        acme.moveLead(lead.id(), acme.mainPipeline().firstWorkingStage().id());
        assertThat(acme.lead(lead.id()).closedAt()).isNull();
        assertThat(acme.moveLead(lead.id(), acme.mainPipeline().firstWorkingStage().id())).isEmpty();
    }
}
