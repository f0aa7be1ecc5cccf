package io.kommosync.client.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.client.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

@DisplayName("Webhook signatures")
class WebhookSignaturesTest {

    private static final Secret KEY = Secret.of("webhook-key-1");
    private static final byte[] BODY = ("{\"events\":[],\"firstEventSequence\":1,\"lastEventSequence\":1,"
        + "\"entropy\":\"S0m3r4Nd0mt3xt\"}").getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(SignatureEncoding.class)
    @DisplayName("a signature made with sign() verifies")
    void roundTrip(SignatureEncoding encoding) {
        String signature = WebhookSignatures.sign(BODY, KEY, encoding);

        assertThat(WebhookSignatures.verify(BODY, signature, KEY, encoding)).isTrue();
    }

    @Test
    @DisplayName("matches an independently known HMAC-SHA256 value (RFC 4231 test case 2)")
    void knownAnswer() {
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

        assertThat(WebhookSignatures.sign(data, Secret.of("Jefe"), SignatureEncoding.HEX)).isEqualTo(expected);
        assertThat(WebhookSignatures.verify(data, expected.toUpperCase(), Secret.of("Jefe"), SignatureEncoding.HEX))
            .isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureEncoding.class)
    @DisplayName("a tampered body fails")
    void tamperedBody(SignatureEncoding encoding) {
        String signature = WebhookSignatures.sign(BODY, KEY, encoding);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 1;

        assertThat(WebhookSignatures.verify(tampered, signature, KEY, encoding)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureEncoding.class)
    @DisplayName("the wrong key fails")
    void wrongKey(SignatureEncoding encoding) {
        String signature = WebhookSignatures.sign(BODY, KEY, encoding);

        assertThat(WebhookSignatures.verify(BODY, signature, Secret.of("webhook-key-2"), encoding)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureEncoding.class)
    @DisplayName("null, empty, garbage or truncated signatures return false and never throw")
    void garbage(SignatureEncoding encoding) {
        String valid = WebhookSignatures.sign(BODY, KEY, encoding);
        for (String signature : new String[] {null, "", "   ", "not base64 or hex!", "zz", "abc",
            valid.substring(0, valid.length() - 4), valid + "00", "%%%"}) {
            assertThat(WebhookSignatures.verify(BODY, signature, KEY, encoding)).as("'%s'", signature).isFalse();
        }
        assertThat(WebhookSignatures.verify(null, valid, KEY, encoding)).isFalse();
    }
}
