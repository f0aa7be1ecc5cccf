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
import io.kommosync.sandbox.xero.XeroContact;
import io.kommosync.sandbox.xero.XeroOrganisation;
import io.kommosync.sandbox.xero.XeroSimulator;
import io.kommosync.sandbox.xero.XeroTokenSet;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulators standalone: starts the Kommo simulator and the Xero simulator, seeds a demo account and a demo
 * organisation, prints their base URLs and long-lived tokens, and serves until the process is killed.
 *
 * <pre>
 * java -cp ... io.kommosync.sandbox.SandboxMain [--port 8080] [--subdomain demo] [--xero-port 8081]
 * </pre>
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    /**
     * Starts the sandbox.
     *
     * @param args {@code --port N} (default: a free port), {@code --subdomain NAME} (default {@code demo}) and
     *     {@code --xero-port N} (default: a free port)
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        int xeroPort = 0;
        String subdomain = "demo";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--port") || arg.equals("--subdomain") || arg.equals("--xero-port"))
                    && i + 1 == args.length) {
                usage("missing value after " + arg);
            }
            switch (arg) {
                case "--port" -> port = parsePort(args[++i]);
                case "--xero-port" -> xeroPort = parsePort(args[++i]);
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
        XeroSimulator xero = XeroSimulator.builder().port(xeroPort).start();
        Runtime.getRuntime().addShutdownHook(new Thread(xero::close, "sandbox-xero-shutdown"));
        printXero(System.out, xero, seedXero(xero));
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

    record SeededXero(XeroOrganisation organisation, XeroContact contact, XeroTokenSet tokens) {
    }

    static SeededXero seedXero(XeroSimulator xero) {
        XeroOrganisation org = xero.createOrganisation("Demo Company (UK)").withDemoChart();
        XeroContact contact = org.addContact("Cooper Trading", "accounts@cooper-trading.example");
        return new SeededXero(org, contact, xero.authorizeLongLived(org));
    }

    static void printXero(PrintStream out, XeroSimulator xero, SeededXero seeded) {
        out.println();
        out.println("Xero simulator");
        out.println("  accounting   " + xero.accountingUri());
        out.println("  connections  " + xero.connectionsUri());
        out.println("  token URL    " + xero.tokenUri() + " (client id " + xero.app().clientId() + ")");
        out.println("  tenant       " + seeded.organisation().tenantId() + "  " + seeded.organisation().name());
        out.println("  token        " + seeded.tokens().accessToken());
        out.println("  contact      " + seeded.contact().contactId() + "  " + seeded.contact().name());
        out.println("  chart        accounts 200 Sales, 260 Other Revenue, 400 Advertising; tax OUTPUT2 20%, "
                + "ZERORATEDOUTPUT 0%; tracking Region, Channel");
        out.println("  try          curl -H 'Authorization: Bearer <token>' -H 'xero-tenant-id: "
                + seeded.organisation().tenantId() + "' -H 'Accept: application/json' " + xero.accountingUri()
                + "Accounts");
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
        out.println("usage: SandboxMain [--port N] [--subdomain NAME] [--xero-port N]");
        out.println("  --port N          port of the Kommo simulator on 127.0.0.1 (default: any free port)");
        out.println("  --subdomain NAME  subdomain of the seeded demo account (default: demo)");
        out.println("  --xero-port N     port of the Xero simulator on 127.0.0.1 (default: any free port)");
        System.exit(problem == null ? 0 : 2);
    }
}
