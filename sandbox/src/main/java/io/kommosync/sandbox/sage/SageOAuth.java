package io.kommosync.sandbox.sage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kommosync.sandbox.http.Json;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.http.SimulatedResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sage's OAuth 2.0 authorisation server as the simulator plays it: authorisation codes (single use, 60 s), access
 * tokens ({@code expires_in} 300 s by default) and rotating refresh tokens (31 days; each refresh invalidates the
 * refresh token it used), at {@code POST /token} with a form body.
 */
final class SageOAuth {

    /** One user's grant: the businesses the user may reach; the first is the lead business. */
    record Grant(String userId, List<String> businessIds, Instant expiresAt) {
        Grant {
            businessIds = List.copyOf(businessIds);
        }

        String leadBusinessId() {
            return businessIds.get(0);
        }
    }

    private static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    private final SageCloudSimulator simulator;
    private final SageOAuthClient client;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> accessTokens = new HashMap<>();
    private final Map<String, Grant> refreshTokens = new HashMap<>();
    private final Map<String, Grant> codes = new HashMap<>();
    private int users;

    SageOAuth(SageCloudSimulator simulator, Duration accessLifetime, Duration refreshLifetime) {
        this.simulator = simulator;
        this.accessLifetime = accessLifetime;
        this.refreshLifetime = refreshLifetime;
        this.client = new SageOAuthClient("sandbox-" + token(8), token(24), "http://127.0.0.1/oauth/callback");
    }

    SageOAuthClient client() {
        return client;
    }

    synchronized SageTokens issue(List<String> businessIds) {
        users++;
        return issue("user-" + users, businessIds);
    }

    synchronized String authorizationCode(List<String> businessIds) {
        users++;
        String code = token(24);
        codes.put(code, new Grant("user-" + users, businessIds, simulator.now().plus(CODE_LIFETIME)));
        return code;
    }

    synchronized void reset() {
        accessTokens.clear();
        refreshTokens.clear();
        codes.clear();
    }

    /** Forgets every access token, as when Sage revokes them; refresh tokens keep working. */
    synchronized void expireAccessTokens() {
        accessTokens.clear();
    }

    /** The grant of the request's bearer token, or a 401 in Sage's error format. */
    synchronized Grant authenticate(SimulatedRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("An access token is required: send Authorization: Bearer <token>");
        }
        Grant grant = accessTokens.get(header.get().substring(7).trim());
        if (grant == null) {
            throw unauthorized("The access token is not valid");
        }
        if (!simulator.now().isBefore(grant.expiresAt())) {
            throw unauthorized("The access token has expired; refresh it");
        }
        return grant;
    }

    /** The lead business of a bearer token, for rate limiting before routing; never throws. */
    synchronized Optional<String> leadBusinessOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        Grant grant = accessTokens.get(authorization.substring(7).trim());
        return grant == null ? Optional.empty() : Optional.of(grant.leadBusinessId());
    }

    SimulatedResponse token(SimulatedRequest request) {
        String contentType = request.header("Content-Type").orElse("");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return oauthError(400, "invalid_request", "send the parameters form-encoded");
        }
        Map<String, List<String>> form = request.form();
        String clientId = first(form, "client_id");
        String clientSecret = first(form, "client_secret");
        Optional<String> basic = request.header("Authorization").filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6));
        if (basic.isPresent()) {
            String decoded = new String(Base64.getDecoder().decode(basic.get().substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            clientId = colon < 0 ? decoded : decoded.substring(0, colon);
            clientSecret = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        if (!client.clientId().equals(clientId) || !client.clientSecret().equals(clientSecret)) {
            return oauthError(401, "invalid_client", "unknown client or wrong secret");
        }
        String grantType = first(form, "grant_type");
        synchronized (this) {
            Instant now = simulator.now();
            if ("authorization_code".equals(grantType)) {
                Grant grant = codes.remove(first(form, "code"));
                if (grant == null || !now.isBefore(grant.expiresAt())) {
                    return oauthError(400, "invalid_grant", null);
                }
                if (!client.redirectUri().equals(first(form, "redirect_uri"))) {
                    return oauthError(400, "invalid_grant", "redirect_uri does not match");
                }
                return tokenResponse(issue(grant.userId(), grant.businessIds()), grant.userId());
            }
            if ("refresh_token".equals(grantType)) {
                Grant grant = refreshTokens.remove(first(form, "refresh_token"));
                if (grant == null || !now.isBefore(grant.expiresAt())) {
                    return oauthError(400, "invalid_grant", null);
                }
                return tokenResponse(issue(grant.userId(), grant.businessIds()), grant.userId());
            }
            return oauthError(400, "unsupported_grant_type", "use authorization_code or refresh_token");
        }
    }

    private SageTokens issue(String userId, List<String> businessIds) {
        Instant now = simulator.now();
        String access = token(32);
        String refresh = token(32);
        accessTokens.put(access, new Grant(userId, businessIds, now.plus(accessLifetime)));
        refreshTokens.put(refresh, new Grant(userId, businessIds, now.plus(refreshLifetime)));
        return new SageTokens(access, refresh, now.plus(accessLifetime), now.plus(refreshLifetime), accessLifetime,
                refreshLifetime);
    }

    private static SimulatedResponse tokenResponse(SageTokens tokens, String userId) {
        ObjectNode body = Json.object();
        body.put("access_token", tokens.accessToken());
        body.put("scope", "full_access");
        body.put("token_type", "bearer");
        body.put("expires_in", tokens.expiresIn().toSeconds());
        body.put("refresh_token", tokens.refreshToken());
        body.put("refresh_token_expires_in", tokens.refreshTokenExpiresIn().toSeconds());
        body.put("requested_by_id", userId);
        return SimulatedResponse.json(200, SimulatedResponse.APPLICATION_JSON, body);
    }

    private static SimulatedResponse oauthError(int status, String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return SimulatedResponse.json(status, SimulatedResponse.APPLICATION_JSON, body);
    }

    private static SageRuleViolation unauthorized(String message) {
        return new SageRuleViolation(401, List.of(new SageError("AuthorizationFailure", message, "")));
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private String token(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
