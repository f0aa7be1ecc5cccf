package io.kommosync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.SandboxAccount;
import io.kommosync.sandbox.xero.XeroSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

    @Test
    @DisplayName("the demo seed is readable over HTTP with the printed base URL and token")
    void demoSeed() {
        try (KommoSimulator kommo = KommoSimulator.start()) {
            SandboxAccount demo = kommo.createAccount("demo");
            String token = demo.issueLongLivedToken();
            SandboxMain.Seeded seeded = SandboxMain.seed(demo);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SandboxMain.print(new PrintStream(out, true, StandardCharsets.UTF_8), kommo, demo, token, seeded);

            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains(kommo.baseUri().toString(), token, "142  Closed - won", "PAYMENT_STATUS");
            assertThat(seeded.lead().products()).hasSize(2);
            assertThat(TestHttp.json(TestHttp.get(kommo.baseUri(), "/api/v4/leads/" + seeded.lead().id()
                    + "?with=catalog_elements", token)).at("/_embedded/catalog_elements")).hasSize(2);
        }
    }

    @Test
    @DisplayName("the Xero demo seed is readable with the printed accounting URL, tenant and token")
    void xeroDemoSeed() throws Exception {
        try (XeroSimulator xero = XeroSimulator.start()) {
            SandboxMain.SeededXero seeded = SandboxMain.seedXero(xero);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SandboxMain.printXero(new PrintStream(out, true, StandardCharsets.UTF_8), xero, seeded);
            String printed = out.toString(StandardCharsets.UTF_8);
            String token = seeded.tokens().accessToken();
            String tenant = seeded.organisation().tenantId();
            assertThat(printed).contains(xero.accountingUri().toString(), token, tenant);
            HttpResponse<String> accounts = TestHttp.client().send(HttpRequest.newBuilder(
                    xero.accountingUri().resolve("Accounts")).timeout(TestHttp.TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("xero-tenant-id", tenant)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accounts.statusCode()).isEqualTo(200);
            assertThat(TestHttp.json(accounts).path("Accounts")).isNotEmpty();
        }
    }
}
