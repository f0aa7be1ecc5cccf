package io.kommosync.sandbox.xero;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Xero's identity service as the simulator plays it: authorisations (grants) with their connections, 30-minute access
 * tokens, single-use refresh tokens with a 30-minute grace period after use (a lost refresh answer may be retried with
 * the old token and gets the same new tokens), unused refresh tokens expiring after 60 days. Thread-safe.
 */
final class TokenAuthority {

    /** Every scope the simulator knows. */
    static final Set<String> ALL_SCOPES = Set.of("openid", "profile", "email", "offline_access",
            "accounting.invoices", "accounting.invoices.read", "accounting.contacts", "accounting.contacts.read",
            "accounting.settings", "accounting.settings.read", "accounting.payments", "accounting.payments.read",
            "accounting.transactions", "accounting.transactions.read");

    static final Duration REFRESH_GRACE = Duration.ofMinutes(30);
    static final Duration REFRESH_UNUSED_LIFETIME = Duration.ofDays(60);

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration accessLifetime;
    private final XeroApp app;
    private final Map<String, Grant> grants = new LinkedHashMap<>();
    private final Map<String, Access> accessTokens = new HashMap<>();
    private final Map<String, Refresh> refreshTokens = new HashMap<>();

    /** One authorisation: scopes and the tenants connected by it. */
    static final class Grant {
        final String authEventId = UUID.randomUUID().toString();
        final Set<String> scopes;
        final List<Connection> connections = new ArrayList<>();
        boolean revoked;

        Grant(Set<String> scopes) {
            this.scopes = Set.copyOf(scopes);
        }
    }

    /** A tenant connected to the app. */
    record Connection(String id, XeroOrganisation organisation, Instant createdAt) {
    }

    /** A valid access token's grant. */
    record Access(Grant grant, Instant expiresAt) {
    }

    private static final class Refresh {
        final Grant grant;
        final Instant issuedAt;
        Instant usedAt;
        XeroTokenSet successor;

        Refresh(Grant grant, Instant issuedAt) {
            this.grant = grant;
            this.issuedAt = issuedAt;
        }
    }

    /** What a refresh produced: tokens, or the OAuth error code. */
    record RefreshOutcome(XeroTokenSet tokens, String error) {
    }

    TokenAuthority(Clock clock, Duration accessLifetime) {
        this.clock = clock;
        this.accessLifetime = accessLifetime;
        this.app = new XeroApp(token(16).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "X"), token(36));
    }

    XeroApp app() {
        return app;
    }

    synchronized XeroTokenSet authorize(Set<String> scopes, List<XeroOrganisation> organisations, Duration lifetime) {
        Grant grant = new Grant(scopes);
        Instant now = clock.instant();
        for (XeroOrganisation o : organisations) {
            grant.connections.add(new Connection(UUID.randomUUID().toString(), o, now));
        }
        grants.put(grant.authEventId, grant);
        return issue(grant, lifetime);
    }

    synchronized Optional<Access> authenticate(String accessToken) {
        Access access = accessTokens.get(accessToken);
        if (access == null || access.grant().revoked || !clock.instant().isBefore(access.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(access);
    }

    /** Why a token is not accepted, in Xero's words. */
    synchronized String rejection(String accessToken) {
        Access access = accessTokens.get(accessToken);
        if (access == null) {
            return "TokenInvalid: the access token is not known";
        }
        if (access.grant().revoked) {
            return "TokenRevoked: the connection was revoked";
        }
        return "TokenExpired: token expired at " + access.expiresAt();
    }

    synchronized RefreshOutcome refresh(String refreshToken) {
        Refresh state = refreshTokens.get(refreshToken);
        Instant now = clock.instant();
        if (state == null || state.grant.revoked) {
            return new RefreshOutcome(null, "invalid_grant");
        }
        if (state.usedAt != null) {
            if (now.isBefore(state.usedAt.plus(REFRESH_GRACE))) {
                return new RefreshOutcome(state.successor, null);
            }
            return new RefreshOutcome(null, "invalid_grant");
        }
        if (!now.isBefore(state.issuedAt.plus(REFRESH_UNUSED_LIFETIME))) {
            return new RefreshOutcome(null, "invalid_grant");
        }
        XeroTokenSet next = issue(state.grant, accessLifetime);
        state.usedAt = now;
        state.successor = next;
        return new RefreshOutcome(next, null);
    }

    synchronized void revoke(String authEventId) {
        Grant grant = grants.get(authEventId);
        if (grant != null) {
            grant.revoked = true;
        }
    }

    synchronized void disconnect(String connectionId) {
        for (Grant g : grants.values()) {
            g.connections.removeIf(c -> c.id().equals(connectionId));
        }
    }

    synchronized void forget(XeroOrganisation organisation) {
        for (Grant g : grants.values()) {
            g.connections.removeIf(c -> c.organisation() == organisation);
        }
    }

    synchronized List<Connection> connections(Grant grant) {
        return List.copyOf(grant.connections);
    }

    synchronized void clear() {
        grants.clear();
        accessTokens.clear();
        refreshTokens.clear();
    }

    private XeroTokenSet issue(Grant grant, Duration lifetime) {
        Instant now = clock.instant();
        String access = "xat." + token(48);
        String refresh = "xrt." + token(32);
        accessTokens.put(access, new Access(grant, now.plus(lifetime)));
        refreshTokens.put(refresh, new Refresh(grant, now));
        return new XeroTokenSet(access, refresh, now.plus(lifetime), grant.scopes, grant.authEventId);
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
