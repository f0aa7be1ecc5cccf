package io.kommosync.examples.server;

import io.kommosync.client.Secret;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import java.net.URI;

/** The demo's Kommo side: the real client, pointed at the simulated account. */
final class DemoKommo {

    private DemoKommo() {
    }

    static KommoClient client(URI baseUri, String longLivedToken) {
        return KommoClient.builder().baseUrl(baseUri)
                .credentials(KommoCredentials.longLived(Secret.of(longLivedToken))).build();
    }
}
