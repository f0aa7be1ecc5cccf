package io.kommosync.sage.intacct.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** The legacy {@code create_invoice} function, every header element in the order the DTD requires. */
@XmlType(propOrder = {"customerid", "datecreated", "dateposted", "datedue", "termname", "action", "batchkey",
        "invoiceno", "ponumber", "onhold", "description", "externalid", "billto", "shipto", "basecurr", "currency",
        "exchratedate", "exchratetype", "nogl", "supdocid", "taxsolutionid", "customfields", "invoiceitems"})
final class CreateInvoice {

    String customerid;
    DateParts datecreated;
    DateParts dateposted;
    DateParts datedue;
    String termname;
    String action;
    String batchkey;
    String invoiceno;
    String ponumber;
    String onhold;
    String description;
    String externalid;
    ContactRef billto;
    ContactRef shipto;
    String basecurr;
    String currency;
    DateParts exchratedate;
    String exchratetype;
    String nogl;
    String supdocid;
    String taxsolutionid;
    CustomFields customfields;
    InvoiceItems invoiceitems = new InvoiceItems();

    /** A date as {@code year}, {@code month}, {@code day}, month and day zero-padded. */
    @XmlType(propOrder = {"year", "month", "day"})
    static final class DateParts {
        String year;
        String month;
        String day;

        DateParts() {
        }

        static DateParts of(java.time.LocalDate date) {
            DateParts d = new DateParts();
            d.year = Integer.toString(date.getYear());
            d.month = String.format(java.util.Locale.ROOT, "%02d", date.getMonthValue());
            d.day = String.format(java.util.Locale.ROOT, "%02d", date.getDayOfMonth());
            return d;
        }
    }

    /** {@code billto}/{@code shipto}: a contact name. */
    static final class ContactRef {
        String contactname;
    }

    /** {@code customfields}. */
    static final class CustomFields {
        @XmlElement(name = "customfield")
        List<CustomField> fields = new ArrayList<>();
    }

    /** One custom field. */
    @XmlType(propOrder = {"customfieldname", "customfieldvalue"})
    static final class CustomField {
        String customfieldname;
        String customfieldvalue;

        CustomField() {
        }

        CustomField(String name, String value) {
            this.customfieldname = name;
            this.customfieldvalue = value;
        }
    }

    /** {@code invoiceitems}. */
    static final class InvoiceItems {
        @XmlElement(name = "lineitem")
        List<LineItem> lines = new ArrayList<>();
    }

    /** One {@code lineitem}, every element in the order the DTD requires. */
    @XmlType(propOrder = {"accountlabel", "glaccountno", "offsetglaccountno", "amount", "allocationid", "memo",
            "locationid", "departmentid", "key", "totalpaid", "totaldue", "customfields", "revrectemplate",
            "defrevaccount", "revrecstartdate", "revrecenddate", "projectid", "customerid", "vendorid", "employeeid",
            "itemid", "classid", "contractid", "warehouseid", "taxentries"})
    static final class LineItem {
        String accountlabel;
        String glaccountno;
        String offsetglaccountno;
        String amount;
        String allocationid;
        String memo;
        String locationid;
        String departmentid;
        String key;
        String totalpaid;
        String totaldue;
        CustomFields customfields;
        String revrectemplate;
        String defrevaccount;
        DateParts revrecstartdate;
        DateParts revrecenddate;
        String projectid;
        String customerid;
        String vendorid;
        String employeeid;
        String itemid;
        String classid;
        String contractid;
        String warehouseid;
        TaxEntries taxentries;
    }

    /** {@code taxentries}. */
    static final class TaxEntries {
        @XmlElement(name = "taxentry")
        List<TaxEntry> entries = new ArrayList<>();
    }

    /** One {@code taxentry}. */
    @XmlType(propOrder = {"detailid", "trxTax"})
    static final class TaxEntry {
        String detailid;
        @XmlElement(name = "trx_tax")
        String trxTax;
    }
}
