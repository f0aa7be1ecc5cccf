package io.kommosync.sage.intacct;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("validation against the vendor's documents")
class IntacctRequestSpecTest {

    private static final String GOOD_LINE = "{\"glAccount\":{\"id\":\"4000\"},\"txnAmount\":\"224.98\","
            + "\"memo\":\"Consulting days\",\"dimensions\":{\"department\":{\"id\":\"D100\"}},"
            + "\"taxEntries\":[{\"txnTaxAmount\":\"45.00\",\"orderEntryTaxDetail\":{\"id\":\"UK Sale\"}}],"
            + "\"invoice\":{\"key\":\"1\"}}";

    @Test
    @DisplayName("accepts an invoice line shaped as the invoice-line OpenAPI says")
    void acceptsGoodLine() {
        ValidationReport report = IntacctRequestSpec.validateLine(GOOD_LINE);
        assertThat(report.getMessages()).as(report.toString()).isEmpty();
    }

    @Test
    @DisplayName("would reject a line whose amount is a JSON number and whose GL account is missing")
    void rejectsBadLine() {
        String bad = "{\"txnAmount\":224.98,\"memo\":\"x\",\"invoice\":{\"key\":\"1\"}}";
        assertThat(IntacctRequestSpec.validateLine(bad).hasErrors()).isTrue();
    }

    @Test
    @DisplayName("would reject XML whose lineitem breaks the DTD order")
    void rejectsOutOfOrderXml() {
        String xml = "<request><control><senderid>s</senderid><password>p</password><controlid>c</controlid>"
                + "<uniqueid>true</uniqueid><dtdversion>3.0</dtdversion></control><operation><content><function "
                + "controlid=\"f\"><create_invoice><customerid>C</customerid><invoiceitems><lineitem><memo>m</memo>"
                + "<glaccountno>4000</glaccountno><amount>1.00</amount></lineitem></invoiceitems></create_invoice>"
                + "</function></content></operation></request>";
        assertThat(IntacctRequestSpec.xmlProblems(xml.getBytes(StandardCharsets.UTF_8)))
                .anySatisfy(p -> assertThat(p).contains("out of the DTD order"));
    }
}
