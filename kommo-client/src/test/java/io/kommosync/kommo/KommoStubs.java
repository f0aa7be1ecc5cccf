package io.kommosync.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * WireMock plumbing shared by the client tests: a server on a dynamic port serving the documented payloads under
 * {@code src/test/resources/wiremock/kommo/__files}, and a client for it with a long-lived token and zero backoff.
 */
final class KommoStubs {

    static final String TOKEN = "long-lived-token-abc";
    static final String HAL = "application/hal+json";
    static final String PROBLEM = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private KommoStubs() {
    }

    static WireMockExtension server() {
        return WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("wiremock/kommo"))
            .build();
    }

    static KommoClient.Builder client(WireMockExtension server) {
        return KommoClient.builder()
            .baseUrl(URI.create(server.baseUrl()))
            .credentials(KommoCredentials.longLived(Secret.of(TOKEN)))
            .rateLimit(1000)
            .retry(RetrySettings.noBackoff(3));
    }

    static ResponseDefinitionBuilder hal(String file) {
        return aResponse().withStatus(200).withHeader("Content-Type", HAL).withBodyFile(file);
    }

    static ResponseDefinitionBuilder halBody(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", HAL).withBody(json);
    }

    static ResponseDefinitionBuilder noContent() {
        return aResponse().withStatus(204);
    }

    static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
