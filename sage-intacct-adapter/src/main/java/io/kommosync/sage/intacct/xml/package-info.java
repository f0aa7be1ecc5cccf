/**
 * The XML gateway transport: JAXB models of the request envelope ({@code control}, {@code operation} with login or
 * session authentication, {@code content} of {@code function}s) and of the functions used ({@code getAPISession},
 * {@code query}, {@code read}, {@code create} CUSTOMER, {@code create_invoice} with elements in the order the DTD
 * requires), the response model checked at its three levels, and parsing that refuses DTDs and external entities.
 */
@XmlAccessorType(XmlAccessType.FIELD)
package io.kommosync.sage.intacct.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
