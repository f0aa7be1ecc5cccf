package io.kommosync.sage.intacct.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.ComparisonType;
import org.xmlunit.diff.DifferenceEvaluators;
import org.xmlunit.diff.Diff;

/** Element-for-element comparison, order included; only the XML declaration's encoding may differ. */
final class XmlDocumentsMatch {

    private XmlDocumentsMatch() {
    }

    static Diff diff(byte[] expected, byte[] actual) {
        return DiffBuilder.compare(Input.fromByteArray(expected)).withTest(Input.fromByteArray(actual))
                .ignoreWhitespace().ignoreComments()
                .withDifferenceEvaluator(DifferenceEvaluators.chain(DifferenceEvaluators.Default,
                        DifferenceEvaluators.downgradeDifferencesToEqual(ComparisonType.XML_ENCODING,
                                ComparisonType.XML_STANDALONE)))
                .checkForIdentical().build();
    }

    static byte[] spec(String name) {
        try (InputStream in = XmlDocumentsMatch.class.getResourceAsStream("/intacct-spec/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /intacct-spec/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String path) {
        try (InputStream in = XmlDocumentsMatch.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
