package io.kommosync.sage.cloud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SageUrisTest {

    private final SageUris uris = new SageUris(URI.create("https://api.accounting.sage.com/v3.1/"));

    @Test
    void percentEncodesPlusSignsSpacesAndCommasInQueryValues() {
        URI uri = uris.of("/contacts", "email", "jane+sales@example.com", "search", "Acme Ltd", "attributes", "a,b");
        assertThat(uri.toString()).isEqualTo("https://api.accounting.sage.com/v3.1/contacts"
                + "?email=jane%2Bsales%40example.com&search=Acme%20Ltd&attributes=a%2Cb");
    }

    @Test
    void leavesOutParametersWithoutAValue() {
        assertThat(uris.of("/sales_invoices", "search", null, "page", 2).toString())
                .isEqualTo("https://api.accounting.sage.com/v3.1/sales_invoices?page=2");
    }

    @Test
    void resolvesANextLinkRelativeToTheBaseUrlAsSagePathsAre() {
        assertThat(uris.next("/contacts?page=2&items_per_page=20")).contains(
                URI.create("https://api.accounting.sage.com/v3.1/contacts?page=2&items_per_page=20"));
    }

    @Test
    void resolvesANextLinkThatAlreadyCarriesTheBasePath() {
        assertThat(uris.next("/v3.1/contacts?page=2")).contains(
                URI.create("https://api.accounting.sage.com/v3.1/contacts?page=2"));
    }

    @Test
    void acceptsAnAbsoluteNextLinkOnTheSameOrigin() {
        assertThat(uris.next("https://api.accounting.sage.com/v3.1/contacts?page=3")).contains(
                URI.create("https://api.accounting.sage.com/v3.1/contacts?page=3"));
    }

    @Test
    void refusesANextLinkToAnotherHostSoTheTokenNeverGoesThere() {
        assertThat(uris.next("https://evil.example/v3.1/contacts?page=2")).isEmpty();
        assertThat(uris.next("http://api.accounting.sage.com/v3.1/contacts?page=2")).as("other scheme").isEmpty();
    }
}
