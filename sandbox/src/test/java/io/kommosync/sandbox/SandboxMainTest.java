package io.kommosync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.SandboxAccount;
import io.kommosync.sandbox.sage.SageCloudSimulator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
    @DisplayName("the Sage demo business is readable with the printed token and business id")
    void sageDemoSeed() throws Exception {
        try (SageCloudSimulator sage = SageCloudSimulator.start()) {
            SandboxMain.SeededSage seeded = SandboxMain.seedSage(sage);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SandboxMain.printSage(new PrintStream(out, true, StandardCharsets.UTF_8), sage, seeded);
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains(sage.apiBaseUri().toString(), seeded.business().id(),
                    seeded.tokens().accessToken(), seeded.raisedByHand().invoiceNumber());
            HttpResponse<String> invoices = TestHttp.client().send(HttpRequest.newBuilder(
                    URI.create(sage.apiBaseUri() + "/sales_invoices?attributes=reference"))
                    .header("Authorization", "Bearer " + seeded.tokens().accessToken())
                    .header("X-Business", seeded.business().id()).timeout(TestHttp.TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(invoices.statusCode()).isEqualTo(200);
            assertThat(TestHttp.json(invoices).path("$items")).hasSize(1);
        }
    }
}
