package io.kommosync.examples.server;

import io.kommosync.client.Secret;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sync.kommo.KommoClientGateway;
import io.kommosync.sync.kommo.KommoGateway;
import java.net.URI;

/** The demo's Kommo side: the real client, pointed at the simulated account. */
final class DemoKommo {

    private DemoKommo() {
    }

    static KommoGateway gateway(URI baseUri, String longLivedToken) {
        KommoClient client = KommoClient.builder().baseUrl(baseUri)
                .credentials(KommoCredentials.longLived(Secret.of(longLivedToken))).build();
        return new KommoClientGateway(client);
    }
}
