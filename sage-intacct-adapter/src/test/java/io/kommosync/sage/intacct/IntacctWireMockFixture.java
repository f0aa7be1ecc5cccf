package io.kommosync.sage.intacct;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kommosync.accounting.tck.PortOperation;
import io.kommosync.accounting.tck.SimulatedFailure;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WireMock on a dynamic port in front of the simulator: every request goes through WireMock (a low-priority proxy
 * stub), scripted failures are WireMock stubs answered by WireMock itself (429 with {@code Retry-After}, 5xx,
 * 401, 400/422 bodies under {@code src/test/resources/wiremock/intacct}), and after each test every request in
 * WireMock's serve log is checked against the vendor's documents ({@link IntacctRequestSpec}).
 */
final class IntacctWireMockFixture extends IntacctSimulatorFixture {

    private final WireMockServer wireMock;
    private final AtomicInteger scenarios = new AtomicInteger();

    static IntacctWireMockFixture start(IntacctTransport transport) {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderClasspath("wiremock"));
        server.start();
        return new IntacctWireMockFixture(transport, server);
    }

    private IntacctWireMockFixture(IntacctTransport transport, WireMockServer server) {
        super(transport, URI.create(server.baseUrl() + "/"));
        this.wireMock = server;
        String target = sim.baseUri().toString();
        wireMock.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().proxiedFrom(target.substring(0, target.length() - 1))));
    }

    @Override
    URI baseUrl() {
        return URI.create(wireMock.baseUrl() + "/");
    }

    WireMockServer wireMock() {
        return wireMock;
    }

    @Override
    public void failNextCall(PortOperation operation, SimulatedFailure failure) {
        if (failure instanceof SimulatedFailure.LostResponse) {
            super.failNextCall(operation, failure);
            return;
        }
        String scenario = "fail-" + scenarios.incrementAndGet();
        MappingBuilder stub = transport == IntacctTransport.XML
                ? request("POST", urlPathMatching(".*/ia/xml/xmlgw\\.phtml"))
                        .withRequestBody(containing("<" + vendorOperation(operation) + ">"))
                : restRequest(vendorOperation(operation));
        wireMock.stubFor(stub.atPriority(1).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("used").willReturn(response(failure)));
    }

    private static MappingBuilder restRequest(String operation) {
        String[] parts = operation.split(" ", 2);
        String path = "/ia/api/v1" + parts[1].replace("{key}", "[0-9]+");
        return request(parts[0], urlPathMatching(path));
    }

    private ResponseDefinitionBuilder response(SimulatedFailure failure) {
        if (failure instanceof SimulatedFailure.RateLimited r) {
            return aResponse().withStatus(429).withHeader("Retry-After", Long.toString(r.retryAfter().toSeconds()))
                    .withBody("Too Many Requests");
        }
        if (failure instanceof SimulatedFailure.ServerError s) {
            return aResponse().withStatus(s.status()).withHeader("Content-Type", "text/html")
                    .withBody("<html><body>" + s.status() + "</body></html>");
        }
        if (failure instanceof SimulatedFailure.Unauthorized) {
            return transport == IntacctTransport.XML ? aResponse().withStatus(401).withBody("Unauthorized")
                    : aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                            .withBodyFile("intacct/rest-401.json");
        }
        SimulatedFailure.Validation v = (SimulatedFailure.Validation) failure;
        return transport == IntacctTransport.XML
                ? aResponse().withStatus(v.status()).withHeader("Content-Type", "text/xml")
                        .withBodyFile("intacct/xml-result-failure-ponumber.xml")
                : aResponse().withStatus(v.status()).withHeader("Content-Type", "application/json")
                        .withBodyFile("intacct/rest-400-referenceNumber.json");
    }

    @Override
    public void close() {
        try {
            List<LoggedRequest> requests = wireMock.findAll(
                    com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
            IntacctRequestSpec.assertAllValid(requests);
        } finally {
            wireMock.stop();
            super.close();
        }
    }
}
