package io.kommosync.sage.intacct.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

@DisplayName("parsing hostile XML")
class HostileXmlTest {

    private static final Duration QUICKLY = Duration.ofSeconds(2);

    private HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] body = "<!ENTITY leaked 'FROM-THE-NETWORK'>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.dtd";
    }

    @Test
    @DisplayName("refuses a DOCTYPE")
    void refusesDoctype() {
        assertRefused("<?xml version=\"1.0\"?><!DOCTYPE response><response><control><status>success</status>"
                + "</control></response>");
    }

    @Test
    @DisplayName("refuses an external entity pointing at a local file, without reading it")
    void refusesLocalFileEntity(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        Throwable t = assertRefused("<?xml version=\"1.0\"?><!DOCTYPE response [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]><response><control><status>&x;</status></control></response>");
        assertThat(String.valueOf(t.getMessage())).doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    @DisplayName("refuses an external entity pointing at a URL, without fetching it")
    void refusesUrlEntity() {
        assertRefused("<?xml version=\"1.0\"?><!DOCTYPE response [<!ENTITY x SYSTEM \"" + url() + "\">]>"
                + "<response><control><status>&x;</status></control></response>");
        assertRefused("<?xml version=\"1.0\"?><!DOCTYPE response SYSTEM \"" + url() + "\"><response/>");
        assertRefused("<?xml version=\"1.0\"?><!DOCTYPE response [<!ENTITY % p SYSTEM \"" + url() + "\"> %p;]>"
                + "<response>&leaked;</response>");
        assertThat(fetches).as("requests the parser made to the entity's URL").hasValue(0);
    }

    @Test
    @DisplayName("refuses a billion-laughs document quickly, without expanding it")
    void refusesBillionLaughs() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        doc.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            doc.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                doc.append("&lol").append(i - 1).append(';');
            }
            doc.append("\">");
        }
        doc.append("]><response><control><status>&lol9;</status></control></response>");
        assertRefused(doc.toString());
    }

    @Test
    @DisplayName("does not follow XInclude")
    void ignoresXInclude(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String doc = "<response xmlns:xi=\"http://www.w3.org/2001/XInclude\"><control><status>success</status>"
                + "</control><xi:include href=\"" + secret.toUri() + "\" parse=\"text\"/></response>";
        XmlResponse r = XmlCodec.read(doc.getBytes(StandardCharsets.UTF_8), XmlResponse.class);
        assertThat(r.control.status).isEqualTo("success");
        assertThat(XmlCodec.parse(doc.getBytes(StandardCharsets.UTF_8)).getDocumentElement().getTextContent())
                .doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    @DisplayName("refuses a body larger than the cap before parsing it")
    void refusesOversizedBody() {
        byte[] big = new byte[XmlCodec.MAX_BODY_BYTES + 1];
        assertThatThrownBy(() -> XmlCodec.parse(big)).isInstanceOf(SAXException.class).hasMessageContaining("larger");
    }

    @Test
    @DisplayName("reads a well-formed control-level failure from the vendor's own sample")
    void readsVendorSample() throws SAXException {
        XmlResponse r = XmlCodec.read(XmlDocumentsMatch.spec("response-control-failure.xml"), XmlResponse.class);
        assertThat(r.control.status).isEqualTo("failure");
        assertThat(r.errormessage.errors).extracting(e -> e.errorno).containsExactly("PL04000055");
    }

    private static Throwable assertRefused(String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        return assertTimeoutPreemptively(QUICKLY, () -> {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> XmlCodec.read(bytes,
                    XmlResponse.class));
            assertThat(t).as("parsing a hostile document").isInstanceOf(SAXException.class);
            return t;
        });
    }
}
