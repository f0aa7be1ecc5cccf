package io.kommosync.sage.intacct.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kommosync.client.Secret;
import io.kommosync.client.http.FeignClients;
import io.kommosync.client.http.HttpOptions;
import io.kommosync.client.oauth.AccessTokenProvider;
import io.kommosync.client.oauth.TokenRefreshException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Access tokens from the client-credentials grant ({@code grant_type=client_credentials} with
 * {@code username=user@company|entity}): fetched when missing or about to expire, one fetch at a time, and fetched
 * again after a 401. Thread-safe; never shows a token or secret.
 */
final class ClientCredentialsTokens implements AccessTokenProvider {

    private static final Duration AHEAD = Duration.ofSeconds(60);

    private record Token(Secret value, Instant expiresAt) {
    }

    private final URI tokenUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final String username;
    private final Clock clock;
    private final OkHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private Token token;

    ClientCredentialsTokens(URI tokenUrl, String clientId, Secret clientSecret, String username, Clock clock,
                            HttpOptions options) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.username = username;
        this.clock = clock;
        this.http = FeignClients.okHttpClient(options);
    }

    @Override
    public synchronized Secret accessToken() {
        if (token == null || !clock.instant().plus(AHEAD).isBefore(token.expiresAt())) {
            token = fetch();
        }
        return token.value();
    }

    @Override
    public synchronized Optional<Secret> refreshAfterUnauthorized(Secret rejectedToken) {
        if (token != null && !token.value().equals(rejectedToken)) {
            return Optional.of(token.value());
        }
        token = fetch();
        return Optional.of(token.value());
    }

    private Token fetch() {
        Instant sentAt = clock.instant();
        Request request = new Request.Builder().url(tokenUrl.toString()).header("Accept", "application/json")
                .post(new FormBody.Builder().add("grant_type", "client_credentials").add("client_id", clientId)
                        .add("client_secret", clientSecret.reveal()).add("username", username).build()).build();
        try (Response response = http.newCall(request).execute(); InputStream in = response.body() == null ? null
                : response.body().byteStream()) {
            byte[] bytes = in == null ? new byte[0] : in.readNBytes(64 * 1024);
            JsonNode json = bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes);
            if (!response.isSuccessful() || !json.path("access_token").isTextual()) {
                String error = json.path("error").asText("");
                throw new TokenRefreshException("the Intacct token endpoint answered HTTP " + response.code()
                        + (error.isEmpty() ? "" : " (" + error + ")") + " to the client-credentials grant; check the "
                        + "client id, secret and user", response.code() >= 500 || response.code() == 429, null);
            }
            long seconds = json.path("expires_in").asLong(3600);
            return new Token(Secret.of(json.path("access_token").asText()), sentAt.plusSeconds(seconds));
        } catch (IOException e) {
            throw new TokenRefreshException("could not reach the Intacct token endpoint (" + e.getClass()
                    .getSimpleName() + ")", true, e);
        }
    }

    @Override
    public String toString() {
        return "ClientCredentialsTokens[" + tokenUrl + ", clientId=" + clientId + "]";
    }
}
