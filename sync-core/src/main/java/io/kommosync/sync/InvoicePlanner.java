package io.kommosync.sync;

import io.kommosync.accounting.spi.Capability;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.DimensionValue;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.TaxRate;
import io.kommosync.sync.kommo.DealProduct;
import io.kommosync.sync.kommo.DealSnapshot;
import io.kommosync.sync.mapping.DealPriceFallback;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.ProductFacts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a deal into an {@link InvoicePlan}: maps every product through the connection's mapping table, checks each
 * line against the chart of accounts, and collects every problem instead of stopping at the first. Pure: no I/O.
 *
 * <p>A line's dimensions come, for each type, from the deal field named in the connection, else from the mapping
 * row, else from the connection's defaults: the deal knows best which department sold it, the mapping row gives the
 * usual one. Dimensions are dropped for ledgers without {@link Capability#DIMENSIONS}.
 */
final class InvoicePlanner {

    private InvoicePlanner() {
    }

    static String reference(long dealId) {
        return "KOMMO-" + dealId;
    }

    static InvoicePlan plan(Connection connection, DealSnapshot deal, ChartOfAccounts chart, LocalDate today) {
        List<PlanProblem> problems = new ArrayList<>();
        List<InvoiceLine> lines = new ArrayList<>();
        boolean dimensions = connection.ledger().capabilities().contains(Capability.DIMENSIONS);
        Dimensions dealDims = dimensions ? dealDimensions(connection, deal, chart, problems) : Dimensions.none();
        Optional<BigDecimal> dealDiscount = dealDiscount(connection, deal, problems);

        if (deal.products().isEmpty()) {
            Optional<DealPriceFallback> fallback = connection.mapping().dealPriceFallback();
            if (fallback.isEmpty()) {
                problems.add(new PlanProblem(PlanProblem.Kind.NO_PRODUCTS, "Deal " + deal.dealId()
                        + " has no products and the mapping table has no rule for deals without products. "
                        + "Add the products to the deal, or add a deal-price fallback row to the mapping table."));
            } else if (deal.price().signum() <= 0) {
                problems.add(new PlanProblem(PlanProblem.Kind.NO_PRICE, "Deal " + deal.dealId()
                        + " has no products and no budget. Set the deal's budget or add its products."));
            } else {
                DealPriceFallback f = fallback.get();
                String description = f.description().isBlank() ? deal.name() : f.description();
                Dimensions lineDims = dimensions ? dealDims.orElse(f.dimensions()).orElse(connection.defaultDimensions())
                        : Dimensions.none();
                addLine(lines, problems, chart, new InvoiceLine(description, BigDecimal.ONE, deal.price(),
                        discount(dealDiscount), f.ledgerAccountCode(), f.taxCode(), lineDims, Optional.empty()),
                        "the deal-price fallback row");
            }
        }
        for (DealProduct product : deal.products()) {
            ProductFacts facts = new ProductFacts(product.catalogElementId(), product.name(), product.sku(),
                    product.fieldValues());
            Optional<MappingRow> row = connection.mapping().lookup(facts);
            if (row.isEmpty()) {
                problems.add(new PlanProblem(PlanProblem.Kind.UNMAPPED_PRODUCT, "Product '" + product.name() + "'"
                        + product.sku().map(s -> " (SKU " + s + ")").orElse("") + ", catalog element "
                        + product.catalogElementId() + ", has no ledger account in the mapping table. "
                        + "Ask the accountant to classify it; the invoice is raised as soon as the row is added."));
                continue;
            }
            if (product.unitPrice().isEmpty()) {
                problems.add(new PlanProblem(PlanProblem.Kind.NO_PRICE, "Product '" + product.name()
                        + "' has no price in the Kommo catalog. Set its price, then replay the job."));
                continue;
            }
            Optional<BigDecimal> percent = productDiscount(connection, product, problems).or(() -> dealDiscount);
            Dimensions lineDims = dimensions
                    ? dealDims.orElse(row.get().dimensions()).orElse(connection.defaultDimensions()) : Dimensions.none();
            addLine(lines, problems, chart, new InvoiceLine(product.name(), product.quantity(), product.unitPrice().get(),
                    discount(percent), row.get().ledgerAccountCode(), row.get().taxCode(), lineDims, product.sku()),
                    "the mapping row for " + row.get().key().describe());
        }
        if (deal.mainContact().isEmpty()) {
            problems.add(new PlanProblem(PlanProblem.Kind.NO_CONTACT, "Deal " + deal.dealId()
                    + " has no contact to bill. Add the customer's contact to the deal, then replay the job."));
        } else if (deal.mainContact().get().email().isEmpty()) {
            problems.add(new PlanProblem(PlanProblem.Kind.NO_EMAIL, "Contact '" + deal.mainContact().get().name()
                    + "' has no e-mail address, and customers are matched by e-mail in the ledger. "
                    + "Add the e-mail address to the contact, then replay the job."));
        }
        LocalDate due = today.plusDays(connection.defaults().dueDays());
        return new InvoicePlan(deal.dealId(), reference(deal.dealId()), connection.defaults().currency(), today, due,
                connection.defaults().approval(), lines, deal.mainContact(), problems);
    }

    private static void addLine(List<InvoiceLine> lines, List<PlanProblem> problems, ChartOfAccounts chart,
                                InvoiceLine line, String source) {
        int before = problems.size();
        Optional<LedgerAccount> account = chart.account(line.ledgerAccountCode());
        if (account.isEmpty() || !account.get().active()) {
            problems.add(new PlanProblem(PlanProblem.Kind.INVALID_MAPPING, "Line '" + line.description() + "': "
                    + source + " names ledger account " + line.ledgerAccountCode() + ", which "
                    + (account.isEmpty() ? "does not exist" : "is inactive") + " in the ledger. Correct the mapping row."));
        } else {
            Set<DimensionType> missing = new java.util.TreeSet<>(account.get().requiredDimensions());
            missing.removeAll(line.dimensions().types());
            if (!missing.isEmpty()) {
                problems.add(new PlanProblem(PlanProblem.Kind.INVALID_MAPPING, "Line '" + line.description()
                        + "': ledger account " + line.ledgerAccountCode() + " requires " + names(missing)
                        + ", which neither the deal, " + source + " nor the connection defaults give. "
                        + "Add it to the mapping row or fill the deal's field."));
            }
        }
        Optional<TaxRate> rate = chart.taxRate(line.taxCode());
        if (rate.isEmpty() || !rate.get().active()) {
            problems.add(new PlanProblem(PlanProblem.Kind.INVALID_MAPPING, "Line '" + line.description() + "': "
                    + source + " names tax code " + line.taxCode() + ", which "
                    + (rate.isEmpty() ? "does not exist" : "is inactive") + " in the ledger. Correct the mapping row."));
        }
        if (problems.size() == before) {
            lines.add(line);
        }
    }

    private static String names(Set<DimensionType> types) {
        return String.join(" and ", types.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static Discount discount(Optional<BigDecimal> percent) {
        return percent.filter(p -> p.signum() > 0).map(Discount::percent).orElse(Discount.none());
    }

    private static Optional<BigDecimal> dealDiscount(Connection connection, DealSnapshot deal, List<PlanProblem> problems) {
        if (connection.defaults().discountSource() instanceof DiscountSource.DealFieldPercent f) {
            return percent(deal.fieldValues().get(f.fieldId()), "the deal's discount field", problems);
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> productDiscount(Connection connection, DealProduct product,
                                                        List<PlanProblem> problems) {
        if (connection.defaults().discountSource() instanceof DiscountSource.ProductFieldPercent f) {
            String raw = product.fieldValues().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(f.fieldName())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            return percent(raw, "the field '" + f.fieldName() + "' of product '" + product.name() + "'", problems);
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> percent(String raw, String where, List<PlanProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            BigDecimal p = new BigDecimal(raw.trim().replace("%", "").replace(',', '.').trim());
            if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new NumberFormatException();
            }
            return Optional.of(p);
        } catch (NumberFormatException e) {
            problems.add(new PlanProblem(PlanProblem.Kind.BAD_DEAL_VALUE, "The discount '" + raw + "' in " + where
                    + " is not a percentage from 0 to 100. Correct it, then replay the job."));
            return Optional.empty();
        }
    }

    private static Dimensions dealDimensions(Connection connection, DealSnapshot deal, ChartOfAccounts chart,
                                             List<PlanProblem> problems) {
        Dimensions dims = Dimensions.none();
        for (Map.Entry<DimensionType, Long> e : connection.dimensionFields().entrySet()) {
            String raw = deal.fieldValues().get(e.getValue());
            if (raw == null || raw.isBlank()) {
                continue;
            }
            List<DimensionValue> values = chart.dimensionValues(e.getKey());
            if (values.isEmpty()) {
                dims = dims.with(e.getKey(), raw.trim());
                continue;
            }
            Optional<DimensionValue> match = values.stream()
                    .filter(v -> v.id().equalsIgnoreCase(raw.trim()) || v.name().equalsIgnoreCase(raw.trim()))
                    .findFirst();
            if (match.isPresent() && match.get().active()) {
                dims = dims.with(e.getKey(), match.get().id());
            } else {
                problems.add(new PlanProblem(PlanProblem.Kind.BAD_DEAL_VALUE, "The deal's "
                        + e.getKey().name().toLowerCase(Locale.ROOT) + " '" + raw + "' is "
                        + (match.isEmpty() ? "not a" : "an inactive") + " " + e.getKey().name().toLowerCase(Locale.ROOT)
                        + " in the ledger. Choose one of: "
                        + String.join(", ", values.stream().filter(DimensionValue::active).map(DimensionValue::name).toList())
                        + ", then replay the job."));
            }
        }
        return dims;
    }
}
