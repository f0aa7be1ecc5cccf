package io.kommosync.sage.intacct.internal;

import io.kommosync.accounting.spi.DimensionType;
import java.util.List;
import java.util.Optional;

/**
 * The Intacct standard dimensions and their names on each wire: the XML {@code lineitem} element, the GL
 * account's {@code REQUIRE*} flag, the REST {@code dimensions} key, the XML object holding its values and the
 * field an {@code ARINVOICEITEM} reads back.
 *
 * @param type        the SPI dimension type
 * @param lineElement the {@code lineitem} element
 * @param requireFlag the GLACCOUNT flag
 * @param restKey     the REST dimensions key
 * @param xmlObject   the XML object of its values
 * @param restObject  the REST object of its values
 */
public record IntacctDimensions(DimensionType type, String lineElement, String requireFlag, String restKey,
                                String xmlObject, String restObject) {

    /** Every standard dimension an AR line carries. */
    public static final List<IntacctDimensions> ALL = List.of(
            new IntacctDimensions(DimensionType.LOCATION, "locationid", "REQUIRELOC", "location", "LOCATION",
                    "company-config/location"),
            new IntacctDimensions(DimensionType.DEPARTMENT, "departmentid", "REQUIREDEPT", "department",
                    "DEPARTMENT", "company-config/department"),
            new IntacctDimensions(DimensionType.PROJECT, "projectid", "REQUIREPROJECT", "project", "PROJECT",
                    "projects/project"),
            new IntacctDimensions(DimensionType.CUSTOMER, "customerid", "REQUIRECUSTOMER", "customer", "CUSTOMER",
                    "accounts-receivable/customer"),
            new IntacctDimensions(DimensionType.VENDOR, "vendorid", "REQUIREVENDOR", "vendor", "VENDOR",
                    "accounts-payable/vendor"),
            new IntacctDimensions(DimensionType.EMPLOYEE, "employeeid", "REQUIREEMPLOYEE", "employee", "EMPLOYEE",
                    "company-config/employee"),
            new IntacctDimensions(DimensionType.ITEM, "itemid", "REQUIREITEM", "item", "ITEM",
                    "inventory-control/item"),
            new IntacctDimensions(DimensionType.CLASS, "classid", "REQUIRECLASS", "class", "CLASS",
                    "company-config/class"));

    /**
     * The Intacct dimension of an SPI type.
     *
     * @param type the type
     * @return the dimension, or empty for types Intacct lines do not carry (Xero's tracking categories)
     */
    public static Optional<IntacctDimensions> of(DimensionType type) {
        return ALL.stream().filter(d -> d.type == type).findFirst();
    }

    /**
     * The dimension whose values the chart lists (customers are listed as customers, not as values).
     *
     * @return {@code true} unless it is the customer dimension
     */
    public boolean listedInChart() {
        return type != DimensionType.CUSTOMER && type != DimensionType.VENDOR && type != DimensionType.EMPLOYEE;
    }

    /** @return the ARINVOICEITEM field read back, for example {@code DEPARTMENTID} */
    public String readField() {
        return lineElement.toUpperCase(java.util.Locale.ROOT);
    }
}
