package io.kommosync.sage.intacct.xml;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Writes requests with JAXB and reads responses safely: the parser refuses any {@code DOCTYPE} (so no DTD is fetched
 * and no entity, external or nested, is ever expanded), external entities, external DTDs and XInclude, with the
 * JDK's secure-processing limits on, and the body is capped before parsing. Thread-safe.
 */
final class XmlCodec {

    /** The largest response body read. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(XmlRequest.class, XmlResponse.class, CreateInvoice.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private XmlCodec() {
    }

    static byte[] write(Object request) {
        try {
            Marshaller m = CONTEXT.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.marshal(request, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write an Intacct request", e);
        }
    }

    static <T> byte[] writeElement(String name, Class<T> type, T value) {
        try {
            Marshaller m = CONTEXT.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.marshal(new jakarta.xml.bind.JAXBElement<>(new javax.xml.namespace.QName(name), type, value), out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write an Intacct element", e);
        }
    }

    static <T> T read(byte[] body, Class<T> type) throws SAXException {
        Document document = parse(body);
        try {
            return CONTEXT.createUnmarshaller().unmarshal(document, type).getValue();
        } catch (JAXBException e) {
            throw new SAXException("not an Intacct response: " + e.getMessage(), e);
        }
    }

    static Document parse(byte[] body) throws SAXException {
        if (body.length > MAX_BODY_BYTES) {
            throw new SAXException("the response is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are refused: " + systemId);
            });
            return builder.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        } catch (IOException e) {
            throw new SAXException("cannot read the response: " + e.getMessage(), e);
        }
    }
}
