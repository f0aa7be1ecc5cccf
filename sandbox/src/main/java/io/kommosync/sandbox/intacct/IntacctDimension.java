package io.kommosync.sandbox.intacct;

import java.util.Locale;
import java.util.Optional;

/**
 * The standard Intacct dimensions an AR invoice line can carry, with their names on each wire format: the XML
 * {@code lineitem} element, the GL account's {@code REQUIRE*} flag, the REST {@code dimensions} key and the field
 * read back on an {@code ARINVOICEITEM}.
 */
public enum IntacctDimension {
    /** Location (also the entity in multi-entity companies). */
    LOCATION("locationid", "REQUIRELOC", "location", "LOCATIONID"),
    /** Department. */
    DEPARTMENT("departmentid", "REQUIREDEPT", "department", "DEPARTMENTID"),
    /** Project. */
    PROJECT("projectid", "REQUIREPROJECT", "project", "PROJECTID"),
    /** Customer. */
    CUSTOMER("customerid", "REQUIRECUSTOMER", "customer", "CUSTOMERID"),
    /** Vendor. */
    VENDOR("vendorid", "REQUIREVENDOR", "vendor", "VENDORID"),
    /** Employee. */
    EMPLOYEE("employeeid", "REQUIREEMPLOYEE", "employee", "EMPLOYEEID"),
    /** Item. */
    ITEM("itemid", "REQUIREITEM", "item", "ITEMID"),
    /** Class. */
    CLASS("classid", "REQUIRECLASS", "class", "CLASSID");

    private final String lineElement;
    private final String requireFlag;
    private final String restKey;
    private final String readField;

    IntacctDimension(String lineElement, String requireFlag, String restKey, String readField) {
        this.lineElement = lineElement;
        this.requireFlag = requireFlag;
        this.restKey = restKey;
        this.readField = readField;
    }

    /** @return the element of an XML {@code lineitem}, for example {@code departmentid} */
    public String lineElement() {
        return lineElement;
    }

    /** @return the GLACCOUNT flag, for example {@code REQUIREDEPT} */
    public String requireFlag() {
        return requireFlag;
    }

    /** @return the key in a REST line's {@code dimensions}, for example {@code department} */
    public String restKey() {
        return restKey;
    }

    /** @return the field of an {@code ARINVOICEITEM} read back, for example {@code DEPARTMENTID} */
    public String readField() {
        return readField;
    }

    /**
     * The dimension with a REST key.
     *
     * @param key the key, for example {@code department}
     * @return the dimension, or empty
     */
    public static Optional<IntacctDimension> ofRestKey(String key) {
        for (IntacctDimension d : values()) {
            if (d.restKey.equals(key)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
