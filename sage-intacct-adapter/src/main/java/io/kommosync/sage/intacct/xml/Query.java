package io.kommosync.sage.intacct.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** The {@code query} function: object, selected fields, filter, order, options, paging. */
@XmlType(propOrder = {"object", "select", "filter", "orderby", "options", "pagesize", "offset"})
final class Query {

    String object;
    Select select = new Select();
    Criteria filter;
    OrderBy orderby;
    Options options;
    String pagesize;
    String offset;

    /** {@code select}: the fields. */
    static final class Select {
        @XmlElement(name = "field")
        List<String> fields = new ArrayList<>();
    }

    /** {@code options}. */
    static final class Options {
        String caseinsensitive;
    }

    /** {@code orderby}: the orders. */
    static final class OrderBy {
        @XmlElement(name = "order")
        List<Order> orders = new ArrayList<>();
    }

    /** One {@code order}: a field, ascending or descending. */
    @XmlType(propOrder = {"field", "ascending", "descending"})
    static final class Order {
        String field;
        Empty ascending;
        Empty descending;
    }

    /** An empty marker element. */
    static final class Empty {
    }

    /** One comparison: {@code <field/><value/>}. */
    @XmlType(propOrder = {"field", "value"})
    static final class Condition {
        String field;
        String value;

        Condition() {
        }

        Condition(String field, String value) {
            this.field = field;
            this.value = value;
        }
    }

    /** A filter or an {@code and}/{@code or}: comparisons and nested junctions. */
    @XmlType(propOrder = {"equalto", "greaterthan", "greaterthanorequalto", "and", "or"})
    static final class Criteria {
        List<Condition> equalto = new ArrayList<>();
        List<Condition> greaterthan = new ArrayList<>();
        List<Condition> greaterthanorequalto = new ArrayList<>();
        List<Criteria> and = new ArrayList<>();
        List<Criteria> or = new ArrayList<>();
    }

    static Criteria equalTo(String field, String value) {
        Criteria c = new Criteria();
        c.equalto.add(new Condition(field, value));
        return c;
    }
}
