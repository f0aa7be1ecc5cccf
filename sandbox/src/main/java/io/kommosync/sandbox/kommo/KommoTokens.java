package io.kommosync.sandbox.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.RejectedRequest;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.http.SimulatedResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Access tokens, single-use refresh tokens and authorization codes of every simulated account, and the
 * {@code POST /oauth2/access_token} endpoint. Expiry follows the simulator's clock.
 */
final class KommoTokens {

    static final Duration AUTHORIZATION_CODE_LIFETIME = Duration.ofMinutes(20);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(90);
    static final Duration LONG_LIVED_MIN = Duration.ofDays(1);
    static final Duration LONG_LIVED_MAX = Duration.ofDays(5 * 365 + 1);

    /** Who a bearer token acts for. */
    record AccessGrant(SandboxAccount account, String clientId, Instant expiresAt, boolean longLived) {
    }

    private static final class OneTimeGrant {
        final SandboxAccount account;
        final String clientId;
        final Instant expiresAt;
        boolean used;

        OneTimeGrant(SandboxAccount account, String clientId, Instant expiresAt) {
            this.account = account;
            this.clientId = clientId;
            this.expiresAt = expiresAt;
        }
    }

    private final Clock clock;
    private final Duration accessLifetime;
    private final Function<SandboxAccount, String> apiDomain;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AccessGrant> access = new HashMap<>();
    private final Map<String, OneTimeGrant> refresh = new HashMap<>();
    private final Map<String, OneTimeGrant> codes = new HashMap<>();

    KommoTokens(Clock clock, Duration accessLifetime, Function<SandboxAccount, String> apiDomain) {
        this.clock = clock;
        this.accessLifetime = accessLifetime;
        this.apiDomain = apiDomain;
    }

    synchronized String issueLongLived(SandboxAccount account, Duration lifetime) {
        String token = jwt(account, account.integration().clientId(), lifetime);
        access.put(token, new AccessGrant(account, account.integration().clientId(),
                clock.instant().plus(lifetime), true));
        return token;
    }

    synchronized String issueCode(SandboxAccount account) {
        String code = "def50200" + hex(96);
        codes.put(code, new OneTimeGrant(account, account.integration().clientId(),
                clock.instant().plus(AUTHORIZATION_CODE_LIFETIME)));
        return code;
    }

    synchronized Optional<AccessGrant> authenticate(String token) {
        AccessGrant grant = access.get(token);
        if (grant == null || !clock.instant().isBefore(grant.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    synchronized boolean revoke(String token) {
        return access.remove(token) != null;
    }

    synchronized void clear() {
        access.clear();
        refresh.clear();
        codes.clear();
    }

    /** {@code POST /oauth2/access_token}: JSON (or form) body with grant_type authorization_code or refresh_token. */
    SimulatedResponse tokenEndpoint(SimulatedRequest request,
            Function<String, Optional<SandboxAccount>> accountByClientId) {
        Map<String, String> params = params(request);
        String grantType = params.get("grant_type");
        if (grantType == null || !(grantType.equals("authorization_code") || grantType.equals("refresh_token"))) {
            throw oauthError(400, "The authorization grant type is not supported by the authorization server.",
                    "Check the `grant_type` parameter");
        }
        String clientId = params.getOrDefault("client_id", "");
        Optional<SandboxAccount> account = accountByClientId.apply(clientId);
        if (account.isEmpty() || !account.get().integration().clientSecret().equals(params.get("client_secret"))) {
            throw oauthError(401, "Client authentication failed", "Check client_id and client_secret");
        }
        OAuthIntegration integration = account.get().integration();
        if (!integration.redirectUri().toString().equals(params.get("redirect_uri"))) {
            throw oauthError(400, "Redirect URI mismatch",
                    "redirect_uri must equal the integration's redirect URI exactly");
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (grantType.equals("authorization_code")) {
                OneTimeGrant code = codes.get(params.getOrDefault("code", ""));
                if (code == null || !code.clientId.equals(clientId)) {
                    throw oauthError(400, "Cannot decrypt the authorization code", "Check the `code` parameter");
                }
                if (code.used) {
                    throw oauthError(400, "Authorization code has been revoked", "An authorization code is single-use");
                }
                if (!now.isBefore(code.expiresAt)) {
                    throw oauthError(400, "Authorization code has expired", "Authorization codes live 20 minutes");
                }
                code.used = true;
                return pair(code.account, clientId, now);
            }
            OneTimeGrant old = refresh.get(params.getOrDefault("refresh_token", ""));
            if (old == null || !old.clientId.equals(clientId)) {
                throw oauthError(400, "Cannot decrypt the refresh token", "Check the `refresh_token` parameter");
            }
            if (old.used) {
                throw oauthError(401, "Token has been revoked", "The request is missing some parameters or the "
                        + "parameters are invalid");
            }
            if (!now.isBefore(old.expiresAt)) {
                throw oauthError(401, "Token has expired", "Refresh tokens live 3 months; authorise again");
            }
            old.used = true;
            return pair(old.account, clientId, now);
        }
    }

    private SimulatedResponse pair(SandboxAccount account, String clientId, Instant now) {
        String accessToken = jwt(account, clientId, accessLifetime);
        access.put(accessToken, new AccessGrant(account, clientId, now.plus(accessLifetime), false));
        String refreshToken = "def50200" + hex(160);
        refresh.put(refreshToken, new OneTimeGrant(account, clientId, now.plus(REFRESH_TOKEN_LIFETIME)));
        ObjectNode body = Json.object();
        body.put("token_type", "Bearer");
        body.put("expires_in", accessLifetime.toSeconds());
        body.put("access_token", accessToken);
        body.put("refresh_token", refreshToken);
        body.put("server_time", now.getEpochSecond());
        return SimulatedResponse.json(200, SimulatedResponse.APPLICATION_JSON, body);
    }

    private static Map<String, String> params(SimulatedRequest request) {
        Map<String, String> params = new HashMap<>();
        String contentType = request.header("Content-Type").orElse("");
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            request.form().forEach((k, v) -> params.put(k, v.get(0)));
            return params;
        }
        JsonNode body = request.json();
        if (!body.isObject()) {
            throw oauthError(400, "The request body must be a JSON object", "Send the parameters as a JSON object");
        }
        body.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return params;
    }

    static RejectedRequest oauthError(int status, String hint, String detail) {
        ObjectNode body = Json.object();
        body.put("hint", hint);
        body.put("title", status == 401 ? "Unauthorized" : "Bad request");
        body.put("type", "https://developers.amocrm.ru/v3/errors/OAuthProblemJson");
        body.put("status", status);
        body.put("detail", detail);
        return new RejectedRequest(SimulatedResponse.json(status, SimulatedResponse.PROBLEM_JSON, body));
    }

    /** A JWT-shaped token carrying the claims clients read ({@code api_domain}, {@code account_id}, {@code exp}). */
    private String jwt(SandboxAccount account, String clientId, Duration lifetime) {
        long now = clock.instant().getEpochSecond();
        ObjectNode header = Json.object();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("jti", UUID.randomUUID().toString());
        ObjectNode claims = Json.object();
        claims.put("aud", clientId);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + lifetime.toSeconds());
        claims.put("sub", Long.toString(account.adminUser().id()));
        claims.put("account_id", account.id());
        claims.put("base_domain", "kommo.com");
        claims.put("api_domain", apiDomain.apply(account));
        var scopes = claims.putArray("scopes");
        List.of("crm", "files", "notifications", "push_notifications").forEach(scopes::add);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] signature = new byte[256];
        random.nextBytes(signature);
        return b64.encodeToString(Json.write(header)) + "." + b64.encodeToString(Json.write(claims)) + "."
                + b64.encodeToString(signature);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
