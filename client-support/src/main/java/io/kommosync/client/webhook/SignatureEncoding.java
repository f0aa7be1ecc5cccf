package io.kommosync.client.webhook;

/** How a signature's bytes are written in a header. */
public enum SignatureEncoding {
    /** Standard Base64 with padding (RFC 4648 section 4), as Xero's {@code x-xero-signature}. */
    BASE64,
    /** Hexadecimal, either case on input, lower case on output. */
    HEX
}
