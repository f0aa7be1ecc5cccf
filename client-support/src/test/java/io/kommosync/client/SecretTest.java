package io.kommosync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.client.oauth.OAuthTokens;
import io.kommosync.client.oauth.ReauthorizationRequiredException;
import io.kommosync.client.oauth.TokenRefreshed;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Secrets never leak")
class SecretTest {

    private static final String VALUE = "s3cr3t-value-42";

    @Test
    @DisplayName("toString is redacted; reveal gives the value")
    void redacted() {
        Secret secret = Secret.of(VALUE);

        assertThat(secret.toString()).isEqualTo("Secret[redacted]");
        assertThat(String.valueOf(secret)).doesNotContain(VALUE);
        assertThat(secret.reveal()).isEqualTo(VALUE);
    }

    @Test
    @DisplayName("equality is by content, and equal secrets share a hash code")
    void equality() {
        assertThat(Secret.of(VALUE)).isEqualTo(Secret.of(VALUE)).hasSameHashCodeAs(Secret.of(VALUE));
        assertThat(Secret.of(VALUE)).isNotEqualTo(Secret.of(VALUE + "x")).isNotEqualTo(VALUE);
    }

    @Test
    @DisplayName("null or blank values are rejected with a message that names no value")
    void rejectsBlank() {
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class)
            .hasMessageContaining("secret value must not be null");
        assertThatThrownBy(() -> Secret.of("  \t")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("must not be blank").hasMessageNotContaining("\t");
    }

    @Test
    @DisplayName("token records, events and exceptions print no secret")
    void nothingElseLeaks() {
        OAuthTokens tokens = new OAuthTokens(Secret.of("access-" + VALUE), Optional.of(Secret.of("refresh-" + VALUE)),
            Instant.parse("2025-01-01T00:00:00Z"), Optional.empty());
        TokenRefreshed event = new TokenRefreshed("c1", Instant.EPOCH, tokens.accessTokenExpiresAt(),
            Optional.empty(), true);
        ReauthorizationRequiredException lost = new ReauthorizationRequiredException("c1", "invalid_grant");

        assertThat(tokens.toString()).doesNotContain(VALUE).contains("refreshToken=present")
            .contains("2025-01-01T00:00:00Z");
        assertThat(event.toString()).doesNotContain(VALUE);
        assertThat(lost.toString()).doesNotContain(VALUE).contains("'c1'").contains("seed(");
    }
}
