package io.kommosync.sandbox;

import io.kommosync.sandbox.kommo.CatalogElement;
import io.kommosync.sandbox.kommo.Contact;
import io.kommosync.sandbox.kommo.CustomField;
import io.kommosync.sandbox.kommo.CustomFieldType;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.kommo.Pipeline;
import io.kommosync.sandbox.kommo.SandboxAccount;
import io.kommosync.sandbox.kommo.Stage;
import io.kommosync.sandbox.sage.SageBusiness;
import io.kommosync.sandbox.sage.SageCloudSimulator;
import io.kommosync.sandbox.sage.SageContact;
import io.kommosync.sandbox.sage.SageLineDraft;
import io.kommosync.sandbox.sage.SageSalesInvoice;
import io.kommosync.sandbox.sage.SageTokens;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulators standalone: starts the Kommo simulator and the Sage Business Cloud Accounting simulator, seeds
 * a demo account and a demo business, prints their base URLs and credentials, and serves until the process is killed.
 *
 * <pre>
 * java -cp ... io.kommosync.sandbox.SandboxMain [--port 8080] [--sage-port 8081] [--subdomain demo]
 * </pre>
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    /**
     * Starts the sandbox.
     *
     * @param args {@code --port N} (default: a free port), {@code --sage-port N} (default: a free port) and
     *             {@code --subdomain NAME} (default {@code demo})
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        int sagePort = 0;
        String subdomain = "demo";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--port") || arg.equals("--sage-port") || arg.equals("--subdomain"))
                    && i + 1 == args.length) {
                usage("missing value after " + arg);
            }
            switch (arg) {
                case "--port" -> port = parsePort(args[++i]);
                case "--sage-port" -> sagePort = parsePort(args[++i]);
                case "--subdomain" -> subdomain = args[++i];
                case "--help", "-h" -> usage(null);
                default -> usage("unknown argument " + arg);
            }
        }
        KommoSimulator kommo = KommoSimulator.builder().port(port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(kommo::close, "sandbox-shutdown"));
        SandboxAccount account = kommo.createAccount(subdomain);
        String token = account.issueLongLivedToken();
        Seeded seeded = seed(account);
        print(System.out, kommo, account, token, seeded);
        SageCloudSimulator sage = SageCloudSimulator.builder().port(sagePort).start();
        Runtime.getRuntime().addShutdownHook(new Thread(sage::close, "sandbox-sage-shutdown"));
        printSage(System.out, sage, seedSage(sage));
        new CountDownLatch(1).await();
    }

    record Seeded(Lead lead, List<CustomField> leadFields) {
    }

    static Seeded seed(SandboxAccount account) {
        Contact jane = account.createContact("Jane Cooper", "jane@cooper-trading.example", "+14155550100");
        var company = account.createCompany("Cooper Trading", "accounts@cooper-trading.example", null);
        long catalogId = account.createProductsCatalog().id();
        CatalogElement design = account.createCatalogElement(catalogId, "Website design", "WEB-DESIGN", "1500.00",
                Map.of("DESCRIPTION", "Design of up to 10 pages"));
        CatalogElement hosting = account.createCatalogElement(catalogId, "Hosting (month)", "HOST-M", "49.90",
                Map.of());
        account.createCatalogElement(catalogId, "Support hour", "SUP-H", "80", Map.of());
        List<CustomField> fields = List.of(
                account.createLeadCustomField(CustomFieldType.TEXT, "Invoice number", "INVOICE_NUMBER"),
                account.createLeadCustomField(CustomFieldType.URL, "Invoice link", "INVOICE_URL"),
                account.createLeadCustomField(CustomFieldType.SELECT, "Payment status", "PAYMENT_STATUS",
                        List.of("Pending", "Awaiting payment", "Partially paid", "Paid", "Overdue")));
        Pipeline sales = account.mainPipeline();
        Lead lead = account.createLead("Website redesign", new BigDecimal("2098.80"), sales.id(),
                sales.firstWorkingStage().id(), account.adminUser().id(), List.of(jane.id()), company.id());
        account.linkProduct(lead.id(), design.id(), BigDecimal.ONE);
        account.linkProduct(lead.id(), hosting.id(), new BigDecimal("12"));
        return new Seeded(account.lead(lead.id()), fields);
    }

    static void print(PrintStream out, KommoSimulator kommo, SandboxAccount account, String token, Seeded seeded) {
        Pipeline sales = account.mainPipeline();
        out.println("kommo-sync sandbox is running. Stop it with Ctrl+C.");
        out.println();
        out.println("Kommo simulator");
        out.println("  base URL     " + kommo.baseUri(account));
        out.println("  account      " + account.subdomain() + " (id " + account.id() + ", " + account.currency() + ")");
        out.println("  token        " + token);
        out.println("  try          curl -H 'Authorization: Bearer <token>' " + kommo.baseUri(account)
                + "api/v4/leads/" + seeded.lead().id() + "?with=contacts,catalog_elements");
        out.println("  pipeline     " + sales.name() + " " + sales.id());
        for (Stage s : sales.stages()) {
            out.println("    stage      " + s.id() + "  " + s.name());
        }
        for (CustomField f : seeded.leadFields()) {
            out.println("  lead field   " + f.id() + "  " + f.code() + " (" + f.type().apiName() + ")");
        }
        out.println("  demo lead    " + seeded.lead().id() + "  " + seeded.lead().name());
        out.println("  webhooks     POST " + kommo.baseUri(account) + "api/v4/webhooks {\"destination\": ..., "
                + "\"settings\": [\"status_lead\"]}; then PATCH the lead's status_id to fire one");
    }

    record SeededSage(SageBusiness business, SageContact customer, SageSalesInvoice raisedByHand, SageTokens tokens) {
    }

    /**
     * A Sage business with the UK chart, the Kommo demo company as a customer, and an invoice raised by hand (no
     * reference) for another customer, which a reverse sync turns into a deal.
     */
    static SeededSage seedSage(SageCloudSimulator sage) {
        SageBusiness business = sage.createBusiness("Cooper Trading Demo Books", Currency.getInstance("GBP"))
                .seedStandardChart();
        SageContact cooper = business.addCustomer("Cooper Trading", "accounts@cooper-trading.example");
        SageContact cafe = business.addCustomer("Harbour Cafe", "owner@harbour-cafe.example");
        SageSalesInvoice byHand = business.raiseInvoiceByHand(cafe.id(), LocalDate.now(sage.clock()).plusDays(30),
                List.of(new SageLineDraft("Menu design", BigDecimal.ONE, new BigDecimal("350.00"),
                        business.ledgerAccount(4000).id(), "GB_STANDARD")));
        return new SeededSage(business, cooper, byHand, sage.issueTokens(business));
    }

    static void printSage(PrintStream out, SageCloudSimulator sage, SeededSage seeded) {
        out.println();
        out.println("Sage Business Cloud Accounting simulator");
        out.println("  base URL     " + sage.apiBaseUri());
        out.println("  token URL    " + sage.tokenUri());
        out.println("  client id    " + sage.oauthClient().clientId());
        out.println("  client secret " + sage.oauthClient().clientSecret());
        out.println("  business     " + seeded.business().id() + "  " + seeded.business().name() + " (X-Business)");
        out.println("  access token " + seeded.tokens().accessToken() + " (expires "
                + seeded.tokens().accessTokenExpiresAt() + ")");
        out.println("  refresh token " + seeded.tokens().refreshToken());
        out.println("  chart        4000 Sales Type A, 4010 Sales Type B, 4900 Miscellaneous Income; tax GB_STANDARD"
                + " 20%, GB_LOWER 5%, GB_ZERO 0%");
        out.println("  customer     " + seeded.customer().id() + "  " + seeded.customer().name() + " <"
                + seeded.customer().email().orElse("") + ">");
        out.println("  by hand      " + seeded.raisedByHand().invoiceNumber() + " " + seeded.raisedByHand().id()
                + " (no reference)");
        out.println("  try          curl -H 'Authorization: Bearer <access token>' -H 'X-Business: "
                + seeded.business().id() + "' '" + sage.apiBaseUri() + "/sales_invoices?attributes=all'");
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                usage("--port must be 0..65535, was " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            usage("--port must be a number, was " + text);
            return 0;
        }
    }

    private static void usage(String problem) {
        PrintStream out = problem == null ? System.out : System.err;
        if (problem != null) {
            out.println("error: " + problem);
        }
        out.println("usage: SandboxMain [--port N] [--sage-port N] [--subdomain NAME]");
        out.println("  --port N          port of the Kommo simulator on 127.0.0.1 (default: any free port)");
        out.println("  --sage-port N     port of the Sage Cloud simulator on 127.0.0.1 (default: any free port)");
        out.println("  --subdomain NAME  subdomain of the seeded demo account (default: demo)");
        System.exit(problem == null ? 0 : 2);
    }
}
