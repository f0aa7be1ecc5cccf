package io.kommosync.kommo.scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Invoice deal scenario against WireMock stubs of the documented payloads")
class InvoiceDealWireMockTest extends InvoiceDealScenario {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("wiremock/kommo"))
        .build();

    private static final Deal DEAL = new Deal(4821, 4999, 7793457, "jane@example.com", 4521,
        List.of(new Line(525439, "HOST-12", new BigDecimal("120"), BigDecimal.ONE),
            new Line(1126317, "WEB-1", new BigDecimal("850.5"), new BigDecimal("10.22"))),
        66401, 70001, 70004, 80002, 2079676);

    private KommoClient kommo;

    private static ResponseDefinitionBuilder hal(String file) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json").withBodyFile(file);
    }

    @BeforeEach
    void stub() {
        server.stubFor(get(urlPathMatching("/api/v4/leads/\\d+")).atPriority(9).willReturn(aResponse().withStatus(204)));
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/4821")).willReturn(hal("lead-4821.json")));
        server.stubFor(get(urlPathEqualTo("/api/v4/contacts/7793457")).willReturn(hal("contact-7793457.json")));
        server.stubFor(get(urlPathEqualTo("/api/v4/catalogs/4521/elements")).willReturn(hal("catalog-elements.json")));
        server.stubFor(patch(urlPathEqualTo("/api/v4/leads")).atPriority(9).willReturn(hal("leads-patched.json")));
        server.stubFor(patch(urlPathEqualTo("/api/v4/leads")).withRequestBody(containing("999999"))
            .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                .withBodyFile("validation-error-400.json")));
        server.stubFor(post(urlPathEqualTo("/api/v4/tasks")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/hal+json")
            .withBody("{\"_embedded\":{\"tasks\":[{\"id\":4745251,\"request_id\":\"0\"}]}}")));
        kommo = KommoClient.builder()
            .baseUrl(URI.create(server.baseUrl()))
            .credentials(KommoCredentials.longLived(Secret.of("long-lived-token")))
            .retry(RetrySettings.noBackoff(3))
            .build();
    }

    @AfterEach
    void close() {
        kommo.close();
    }

    @Override
    KommoClient kommo() {
        return kommo;
    }

    @Override
    Deal deal() {
        return DEAL;
    }

    @Override
    void assertInvoiceWrittenBack(Deal deal) {
        server.verify(1, patchRequestedFor(urlPathEqualTo("/api/v4/leads")).withRequestBody(equalToJson(
            "[{\"id\":" + deal.leadId() + ",\"custom_fields_values\":["
                + "{\"field_id\":" + deal.invoiceNumberFieldId() + ",\"values\":[{\"value\":\"" + INVOICE_NUMBER + "\"}]},"
                + "{\"field_id\":" + deal.invoiceUrlFieldId() + ",\"values\":[{\"value\":\"" + INVOICE_URL + "\"}]},"
                + "{\"field_id\":" + deal.paymentStatusFieldId() + ",\"values\":[{\"enum_id\":" + deal.paidOptionId()
                + "}]}],\"request_id\":\"0\"}]")));
    }

    @Override
    void assertTaskCreated(Deal deal, long taskId) {
        server.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/tasks")).withRequestBody(equalToJson(
            "[{\"text\":\"" + TASK_TEXT + "\",\"complete_till\":" + DUE.getEpochSecond() + ",\"entity_id\":"
                + deal.leadId() + ",\"entity_type\":\"leads\",\"responsible_user_id\":" + deal.responsibleUserId()
                + ",\"task_type_id\":1,\"request_id\":\"0\"}]")));
    }
}
