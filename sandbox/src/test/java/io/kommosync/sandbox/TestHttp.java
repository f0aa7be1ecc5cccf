package io.kommosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kommosync.sandbox.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The plain JDK client the tests drive the simulators with; every call is bounded by a timeout. */
public final class TestHttp {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private TestHttp() {
    }

    public static HttpClient client() {
        return CLIENT;
    }

    public static HttpResponse<String> get(URI base, String pathAndQuery, String token) {
        return send("GET", base, pathAndQuery, token, null);
    }

    public static HttpResponse<String> send(String method, URI base, String pathAndQuery, String token,
            String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body());
    }
}
