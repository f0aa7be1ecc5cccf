package io.kommosync.sage.intacct.xml;

import static io.kommosync.sage.intacct.xml.XmlDocumentsMatch.diff;
import static io.kommosync.sage.intacct.xml.XmlDocumentsMatch.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.sage.intacct.internal.IntacctSettings;
import io.kommosync.sage.intacct.internal.Keys;
import io.kommosync.sage.intacct.internal.LedgerLine;
import io.kommosync.sage.intacct.internal.NewInvoice;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xmlunit.diff.Diff;

@DisplayName("XML golden documents")
class IntacctXmlGoldenTest {

    static final IntacctSettings SETTINGS = new IntacctSettings(URI.create("https://api.intacct.com/"), "ACME",
            Optional.empty(), 100, Optional.of("KOMMO_QUANTITY"), Optional.of("KOMMO_UNIT_PRICE"),
            Clock.system(ZoneOffset.UTC), RetrySettings.noBackoff(1), 2, Duration.ofSeconds(30), "testsenderid",
            Optional.of(Secret.of("pass123!")), "user", Optional.of(Secret.of("userpass")));

    @Test
    @DisplayName("the session envelope matches the SDK's expected request element for element")
    void envelopeMatchesTheSpec() {
        XmlRequest request = new XmlRequest();
        request.control = new XmlRequest.Control();
        request.control.senderid = "testsenderid";
        request.control.password = "pass123!";
        request.control.controlid = "unittest";
        request.control.uniqueid = "false";
        request.control.dtdversion = "3.0";
        request.control.includewhitespace = "false";
        request.operation = new XmlRequest.Operation();
        request.operation.transaction = "false";
        request.operation.authentication = new XmlRequest.Authentication();
        request.operation.authentication.sessionid = "testsession..";
        assertIdentical(spec("request-envelope-session.xml"), XmlCodec.write(request));
    }

    @Test
    @DisplayName("create_invoice with every header element matches the SDK's expected function, order included")
    void createInvoiceHeaderMatchesTheSpec() {
        CreateInvoice c = new CreateInvoice();
        c.customerid = "CUSTOMER1";
        c.datecreated = CreateInvoice.DateParts.of(LocalDate.of(2015, 6, 30));
        c.dateposted = CreateInvoice.DateParts.of(LocalDate.of(2015, 6, 30));
        c.datedue = CreateInvoice.DateParts.of(LocalDate.of(2020, 9, 24));
        c.termname = "N30";
        c.action = "Submit";
        c.batchkey = "20323";
        c.invoiceno = "234";
        c.ponumber = "234235";
        c.onhold = "true";
        c.description = "Some description";
        c.externalid = "20394";
        c.billto = new CreateInvoice.ContactRef();
        c.billto.contactname = "28952";
        c.shipto = new CreateInvoice.ContactRef();
        c.shipto.contactname = "289533";
        c.basecurr = "USD";
        c.currency = "USD";
        c.exchratedate = CreateInvoice.DateParts.of(LocalDate.of(2015, 6, 30));
        c.exchratetype = "Intacct Daily Rate";
        c.nogl = "false";
        c.supdocid = "6942";
        c.taxsolutionid = "taxsolution";
        c.customfields = new CreateInvoice.CustomFields();
        c.customfields.fields.add(new CreateInvoice.CustomField("customfield1", "customvalue1"));
        CreateInvoice.LineItem line = new CreateInvoice.LineItem();
        line.glaccountno = "";
        line.amount = "76343.43";
        line.taxentries = taxEntries("TaxName", "10");
        c.invoiceitems.lines.add(line);
        XmlRequest.Function function = new XmlRequest.Function();
        function.controlid = "unittest";
        function.createInvoice = c;
        assertIdentical(spec("function-create_invoice-all-header-elements.xml"),
                XmlCodec.writeElement("function", XmlRequest.Function.class, function));
    }

    @Test
    @DisplayName("a lineitem with every element matches the SDK's expected lineitem, order included")
    void lineItemMatchesTheSpec() {
        CreateInvoice.LineItem l = new CreateInvoice.LineItem();
        l.accountlabel = "TestBill Account1";
        l.offsetglaccountno = "93590253";
        l.amount = "76343.43";
        l.memo = "Just another memo";
        l.locationid = "Location1";
        l.departmentid = "Department1";
        l.key = "Key1";
        l.totalpaid = "23484.93";
        l.totaldue = "0";
        l.customfields = new CreateInvoice.CustomFields();
        l.customfields.fields.add(new CreateInvoice.CustomField("customfield1", "customvalue1"));
        l.revrectemplate = "RevRec1";
        l.defrevaccount = "2100";
        l.revrecstartdate = CreateInvoice.DateParts.of(LocalDate.of(2016, 6, 1));
        l.revrecenddate = CreateInvoice.DateParts.of(LocalDate.of(2017, 5, 31));
        l.projectid = "Project1";
        l.customerid = "Customer1";
        l.vendorid = "Vendor1";
        l.employeeid = "Employee1";
        l.itemid = "Item1";
        l.classid = "Class1";
        l.warehouseid = "Warehouse1";
        l.taxentries = taxEntries("TaxName", "10");
        assertIdentical(spec("lineitem-all-elements.xml"),
                XmlCodec.writeElement("lineitem", CreateInvoice.LineItem.class, l));
    }

    @Test
    @DisplayName("a mapped invoice becomes the expected create_invoice, dimensions and tax in DTD order")
    void mappedInvoiceMatchesGolden() {
        Map<DimensionType, String> dims = new EnumMap<>(DimensionType.class);
        dims.put(DimensionType.LOCATION, "UK");
        dims.put(DimensionType.DEPARTMENT, "D100");
        dims.put(DimensionType.PROJECT, "P1");
        dims.put(DimensionType.CLASS, "CL1");
        dims.put(DimensionType.CUSTOMER, "C-EXISTING");
        dims.put(DimensionType.ITEM, "WEB-1");
        NewInvoice invoice = new NewInvoice("C-EXISTING", LocalDate.of(2025, 3, 10), LocalDate.of(2025, 4, 9),
                "kommo-deal-4821", "GBP", false, Optional.of("Website redesign"), List.of(
                new LedgerLine("4000", new BigDecimal("224.98"), "Consulting days", new Dimensions(dims),
                        Optional.of(new BigDecimal("2.5")), Optional.of(new BigDecimal("99.99")),
                        "UK Sale Goods Standard Rate", new BigDecimal("45.00")),
                new LedgerLine("4010", new BigDecimal("19.99"), "Printed manual", Dimensions.none(),
                        Optional.of(BigDecimal.ONE), Optional.of(new BigDecimal("19.99")), "UK Sale Goods Zero Rate",
                        new BigDecimal("0.00"))));
        byte[] actual = XmlCodec.writeElement("create_invoice", CreateInvoice.class,
                XmlTransport.createInvoiceElement(invoice, SETTINGS));
        assertIdentical(XmlDocumentsMatch.resource("/golden/create_invoice-mapped.xml"), actual);
    }

    @Test
    @DisplayName("the comparison fails when two elements swap places")
    void comparisonCatchesOrder() {
        CreateInvoice.LineItem l = new CreateInvoice.LineItem();
        l.glaccountno = "4000";
        l.amount = "1.00";
        l.memo = "m";
        byte[] ours = XmlCodec.writeElement("lineitem", CreateInvoice.LineItem.class, l);
        byte[] swapped = "<lineitem><glaccountno>4000</glaccountno><memo>m</memo><amount>1.00</amount></lineitem>"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(diff(swapped, ours).hasDifferences()).isTrue();
    }

    @Test
    @DisplayName("the function controlid is the same for the same key and differs between keys and steps")
    void controlIdIsDeterministic() {
        IdempotencyKey key = IdempotencyKey.derive("conn-1", "deal-4821", "won");
        assertThat(Keys.controlId(key, "invoice")).isEqualTo(Keys.controlId(IdempotencyKey.derive("conn-1",
                "deal-4821", "won"), "invoice"));
        assertThat(Keys.controlId(key, "invoice")).isNotEqualTo(Keys.controlId(key, "customer"))
                .isNotEqualTo(Keys.controlId(IdempotencyKey.derive("conn-1", "deal-4822", "won"), "invoice"))
                .hasSizeLessThanOrEqualTo(40);
    }

    private static CreateInvoice.TaxEntries taxEntries(String detail, String tax) {
        CreateInvoice.TaxEntry e = new CreateInvoice.TaxEntry();
        e.detailid = detail;
        e.trxTax = tax;
        CreateInvoice.TaxEntries entries = new CreateInvoice.TaxEntries();
        entries.entries.add(e);
        return entries;
    }

    private static void assertIdentical(byte[] expected, byte[] actual) {
        Diff d = diff(expected, actual);
        assertThat(d.hasDifferences()).as("differences from the expected document:%n%s%nactual:%n%s", d,
                new String(actual, StandardCharsets.UTF_8)).isFalse();
    }
}
