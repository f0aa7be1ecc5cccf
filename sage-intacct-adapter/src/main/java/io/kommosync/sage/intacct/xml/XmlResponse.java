package io.kommosync.sage.intacct.xml;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** The response envelope, checked at three levels: control, authentication, each result. */
@XmlRootElement(name = "response")
final class XmlResponse {

    Control control;
    Operation operation;
    ErrorMessage errormessage;

    /** {@code control}. */
    @XmlType(name = "responseControl")
    static final class Control {
        String status;
        String senderid;
        String controlid;
        String uniqueid;
        String dtdversion;
    }

    /** {@code operation}. */
    @XmlType(name = "responseOperation")
    static final class Operation {
        Authentication authentication;
        @XmlElement(name = "result")
        List<Result> results = new ArrayList<>();
        ErrorMessage errormessage;
    }

    /** {@code authentication}. */
    @XmlType(name = "responseAuthentication")
    static final class Authentication {
        String status;
        String userid;
        String companyid;
        String locationid;
        String sessiontimestamp;
        String sessiontimeout;
    }

    /** One {@code result}. */
    @XmlType(name = "responseResult")
    static final class Result {
        String status;
        String function;
        String controlid;
        String key;
        Data data;
        ErrorMessage errormessage;
    }

    /** {@code data}: records as DOM elements. */
    @XmlType(name = "responseData")
    static final class Data {
        @XmlAttribute
        String listtype;
        @XmlAttribute
        String count;
        @XmlAttribute
        String totalcount;
        @XmlAttribute
        String numremaining;
        @XmlAnyElement
        List<Element> records = new ArrayList<>();
    }

    /** {@code errormessage}. */
    @XmlType(name = "responseErrorMessage")
    static final class ErrorMessage {
        @XmlElement(name = "error")
        List<Error> errors = new ArrayList<>();
    }

    /** One {@code error}. */
    @XmlType(name = "responseError")
    static final class Error {
        String errorno;
        String description;
        String description2;
        String correction;
    }
}
