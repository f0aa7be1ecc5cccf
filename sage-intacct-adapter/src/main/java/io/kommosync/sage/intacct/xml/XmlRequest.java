package io.kommosync.sage.intacct.xml;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** The request envelope: {@code <request><control/><operation/></request>}. */
@XmlRootElement(name = "request")
@XmlType(propOrder = {"control", "operation"})
final class XmlRequest {

    Control control;
    Operation operation;

    /** {@code control}: sender credentials, control id, {@code uniqueid}, DTD version. */
    @XmlType(propOrder = {"senderid", "password", "controlid", "uniqueid", "dtdversion", "includewhitespace"})
    static final class Control {
        String senderid;
        String password;
        String controlid;
        String uniqueid;
        String dtdversion;
        String includewhitespace;
    }

    /** {@code operation}: authentication and content. */
    @XmlType(propOrder = {"authentication", "content"})
    static final class Operation {
        @XmlAttribute
        String transaction;
        Authentication authentication;
        Content content = new Content();
    }

    /** {@code authentication}: a session id or a login. */
    @XmlType(propOrder = {"sessionid", "login"})
    static final class Authentication {
        String sessionid;
        Login login;
    }

    /** {@code login}: a company user, optionally in one entity. */
    @XmlType(propOrder = {"userid", "companyid", "password", "locationid"})
    static final class Login {
        String userid;
        String companyid;
        String password;
        String locationid;
    }

    /** {@code content}: the functions. */
    static final class Content {
        @XmlElement(name = "function")
        List<Function> functions = new ArrayList<>();
    }

    /** One {@code function} with its {@code controlid} and exactly one call. */
    @XmlType(propOrder = {"getAPISession", "query", "read", "create", "createInvoice"})
    static final class Function {
        @XmlAttribute
        String controlid;
        GetApiSession getAPISession;
        Query query;
        Read read;
        Create create;
        @XmlElement(name = "create_invoice")
        CreateInvoice createInvoice;
    }

    /** {@code getAPISession}, optionally for one entity. */
    static final class GetApiSession {
        String locationid;
    }

    /** {@code read}: records by key. */
    @XmlType(propOrder = {"object", "keys", "fields"})
    static final class Read {
        String object;
        String keys;
        String fields;
    }

    /** {@code create}: one CUSTOMER. */
    static final class Create {
        @XmlElement(name = "CUSTOMER")
        CustomerRecord customer;
    }

    /** A CUSTOMER to create. */
    @XmlType(propOrder = {"customerid", "name", "displaycontact", "status"})
    static final class CustomerRecord {
        @XmlElement(name = "CUSTOMERID")
        String customerid;
        @XmlElement(name = "NAME")
        String name;
        @XmlElement(name = "DISPLAYCONTACT")
        Contact displaycontact;
        @XmlElement(name = "STATUS")
        String status;
    }

    /** A CUSTOMER's display contact. */
    @XmlType(propOrder = {"printas", "companyname", "phone1", "email1"})
    static final class Contact {
        @XmlElement(name = "PRINTAS")
        String printas;
        @XmlElement(name = "COMPANYNAME")
        String companyname;
        @XmlElement(name = "PHONE1")
        String phone1;
        @XmlElement(name = "EMAIL1")
        String email1;
    }
}
