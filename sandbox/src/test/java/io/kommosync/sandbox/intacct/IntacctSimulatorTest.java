package io.kommosync.sandbox.intacct;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(IntacctSimulatorExtension.class)
@DisplayName("the Intacct simulator's XML gateway")
class IntacctSimulatorTest {

    private static final String CONTROL = "<control><senderid>" + IntacctSimulator.SENDER_ID + "</senderid><password>"
            + IntacctSimulator.SENDER_PASSWORD + "</password><controlid>c1</controlid><uniqueid>%s</uniqueid>"
            + "<dtdversion>3.0</dtdversion></control>";
    private static final String LOGIN = "<authentication><login><userid>" + IntacctSimulator.USER_ID + "</userid>"
            + "<companyid>" + IntacctSimulator.COMPANY_ID + "</companyid><password>" + IntacctSimulator.USER_PASSWORD
            + "</password></login></authentication>";
    private static final String CUSTOMER = "<function controlid=\"f-cust\"><create><CUSTOMER><CUSTOMERID>C-9</CUSTOMERID>"
            + "<NAME>Nine</NAME><DISPLAYCONTACT><PRINTAS>Nine</PRINTAS><EMAIL1>nine@example.test</EMAIL1>"
            + "</DISPLAYCONTACT></CUSTOMER></create></function>";
    private static final String BAD_INVOICE = "<function controlid=\"f-inv\"><create_invoice><customerid>C-9</customerid>"
            + "<datecreated><year>2025</year><month>03</month><day>10</day></datecreated><datedue><year>2025</year>"
            + "<month>04</month><day>09</day></datedue><ponumber>R-1</ponumber><invoiceitems><lineitem><glaccountno>"
            + "9999</glaccountno><amount>10.00</amount></lineitem></invoiceitems></create_invoice></function>";

    @Test
    @DisplayName("rolls a transaction back as a whole and reports the other functions aborted")
    void rollsBackTransactions(IntacctSimulator sim) throws Exception {
        sim.company().addGlAccount("4000", "Sales", true);
        String body = post(sim, String.format(CONTROL, "false") + "<operation transaction=\"true\">" + LOGIN
                + "<content>" + CUSTOMER + BAD_INVOICE + "</content></operation>");
        assertThat(body).contains("<status>aborted</status>").contains("XL03000009").contains("<status>failure</status>")
                .contains("GL account 9999 does not exist");
        assertThat(sim.company().customers()).isEmpty();
    }

    @Test
    @DisplayName("refuses a function controlid that already succeeded when uniqueid is true")
    void refusesRepeatedControlIds(IntacctSimulator sim) throws Exception {
        String request = String.format(CONTROL, "true") + "<operation>" + LOGIN + "<content>" + CUSTOMER
                + "</content></operation>";
        assertThat(post(sim, request)).contains("<status>success</status>");
        assertThat(post(sim, request)).contains("XL03000004").contains("<status>failure</status>");
        assertThat(sim.company().customers()).hasSize(1);
    }

    @Test
    @DisplayName("refuses a DOCTYPE")
    void refusesDoctype(IntacctSimulator sim) throws Exception {
        assertThat(post(sim, "<!DOCTYPE request [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><request>&x;</request>"))
                .contains("XL03000003").doesNotContain("root:");
    }

    @Test
    @DisplayName("refuses line items out of the DTD order")
    void refusesOutOfOrderElements(IntacctSimulator sim) throws Exception {
        sim.company().addGlAccount("4000", "Sales", true);
        String swapped = BAD_INVOICE.replace("<glaccountno>9999</glaccountno><amount>10.00</amount>",
                "<amount>10.00</amount><glaccountno>4000</glaccountno>");
        assertThat(post(sim, String.format(CONTROL, "false") + "<operation>" + LOGIN + "<content>" + swapped
                + "</content></operation>")).contains("out of the order the DTD requires");
    }

    private static String post(IntacctSimulator sim, String xml) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.xmlEndpoint().toString()))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + (xml.startsWith("<!DOCTYPE") ? xml : "<request>" + xml + "</request>"))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
