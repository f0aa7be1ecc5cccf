package io.kommosync.sandbox.xero;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xero's {@code where} query parameter: a .NET-style expression evaluated against each entity's JSON, for example
 * {@code Type=="ACCREC"&&Reference=="kommo-deal-42"}, {@code EmailAddress!=null&&EmailAddress.StartsWith("jane")},
 * {@code Status=="AUTHORISED" AND DueDate<DateTime(2026,03,11)}.
 *
 * <p>Supported: {@code == != < > <= >=}, {@code && || !} and {@code AND OR NOT}, parentheses, string literals in
 * double quotes, numbers, {@code true false null}, {@code DateTime(y,m,d[,h,m,s])}, {@code Guid("...")}, dotted
 * properties ({@code Contact.ContactID}) and the string methods {@code ToLower() ToUpper() Trim() Contains(s)
 * StartsWith(s) EndsWith(s)}. String comparisons ignore case, as Xero's do (pyxero #172). A double quote cannot
 * occur inside a literal: Xero has no reliable escape (Xero-Java #347), so {@code "o"brien"} is a syntax error.
 * Calling a method on a missing property fails the request with 500, as Xero does without a {@code !=null} guard
 * (pyxero #181).
 */
final class WhereFilter {

    /** The expression does not parse: Xero answers 400 {@code QueryParseException}. */
    static final class ParseError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseError(String message) {
            super(message);
        }
    }

    /** A method was called on a missing property: Xero answers 500 {@code UnknownErrorException}. */
    static final class NullTarget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NullTarget(String message) {
            super(message);
        }
    }

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

    private interface Expr {
        Object eval(JsonNode entity);
    }

    private final Expr root;

    private WhereFilter(Expr root) {
        this.root = root;
    }

    static WhereFilter parse(String text) {
        Parser p = new Parser(tokenize(Objects.requireNonNull(text, "text")));
        Expr e = p.or();
        if (!p.atEnd()) {
            throw new ParseError("Syntax error: unexpected '" + p.peek().text + "' at position " + p.peek().pos);
        }
        return new WhereFilter(e);
    }

    boolean test(JsonNode entity) {
        return Boolean.TRUE.equals(root.eval(entity));
    }

    // ------------------------------------------------------------------------------------------ lexer

    private enum Kind { STRING, NUMBER, IDENT, OP, LPAREN, RPAREN, DOT, COMMA }

    private record Token(Kind kind, String text, int pos) {
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw new ParseError("Syntax error: unterminated string literal at position " + i);
                }
                tokens.add(new Token(Kind.STRING, s.substring(i + 1, end), i));
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))
                    && (tokens.isEmpty() || tokens.get(tokens.size() - 1).kind == Kind.OP
                    || tokens.get(tokens.size() - 1).kind == Kind.LPAREN
                    || tokens.get(tokens.size() - 1).kind == Kind.COMMA))) {
                int start = i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, s.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, s.substring(start, i), start));
            } else if (c == '(') {
                tokens.add(new Token(Kind.LPAREN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.RPAREN, ")", i++));
            } else if (c == '.') {
                tokens.add(new Token(Kind.DOT, ".", i++));
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ",", i++));
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
                    tokens.add(new Token(Kind.OP, two, i));
                    i += 2;
                } else if (c == '<' || c == '>' || c == '!' || c == '=') {
                    tokens.add(new Token(Kind.OP, c == '=' ? "==" : String.valueOf(c), i++));
                } else {
                    throw new ParseError("Syntax error: unexpected character '" + c + "' at position " + i);
                }
            }
        }
        return tokens;
    }

    // ------------------------------------------------------------------------------------------ parser

    private static final class Parser {
        private final List<Token> tokens;
        private int at;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return at >= tokens.size();
        }

        Token peek() {
            return tokens.get(at);
        }

        private boolean keyword(String word) {
            return !atEnd() && peek().kind == Kind.IDENT && peek().text.equalsIgnoreCase(word);
        }

        private boolean op(String o) {
            return !atEnd() && peek().kind == Kind.OP && peek().text.equals(o);
        }

        private Token expect(Kind kind) {
            if (atEnd() || peek().kind != kind) {
                throw new ParseError("Syntax error: expected " + kind.name().toLowerCase(Locale.ROOT)
                        + (atEnd() ? " at the end"
                        : " at position " + peek().pos + " but found '" + peek().text + "'"));
            }
            return tokens.get(at++);
        }

        Expr or() {
            Expr left = and();
            while (op("||") || keyword("OR")) {
                at++;
                Expr l = left;
                Expr r = and();
                left = e -> truthy(l.eval(e)) || truthy(r.eval(e));
            }
            return left;
        }

        Expr and() {
            Expr left = not();
            while (op("&&") || keyword("AND")) {
                at++;
                Expr l = left;
                Expr r = not();
                left = e -> truthy(l.eval(e)) && truthy(r.eval(e));
            }
            return left;
        }

        Expr not() {
            if (op("!") || keyword("NOT")) {
                at++;
                Expr inner = not();
                return e -> !truthy(inner.eval(e));
            }
            return comparison();
        }

        Expr comparison() {
            Expr left = postfix();
            if (!atEnd() && peek().kind == Kind.OP && List.of("==", "!=", "<", ">", "<=", ">=").contains(peek().text)) {
                String o = tokens.get(at++).text;
                Expr right = postfix();
                return e -> compare(o, left.eval(e), right.eval(e));
            }
            return left;
        }

        Expr postfix() {
            Expr target = primary();
            while (!atEnd() && peek().kind == Kind.DOT) {
                at++;
                String member = expect(Kind.IDENT).text;
                if (!atEnd() && peek().kind == Kind.LPAREN) {
                    at++;
                    List<Expr> args = new ArrayList<>();
                    if (atEnd() || peek().kind != Kind.RPAREN) {
                        args.add(or());
                        while (!atEnd() && peek().kind == Kind.COMMA) {
                            at++;
                            args.add(or());
                        }
                    }
                    expect(Kind.RPAREN);
                    Expr t = target;
                    target = e -> call(member, t.eval(e), args.stream().map(a -> a.eval(e)).toList());
                } else {
                    Expr t = target;
                    target = e -> property(t.eval(e), member);
                }
            }
            return target;
        }

        Expr primary() {
            if (atEnd()) {
                throw new ParseError("Syntax error: expression expected at the end");
            }
            Token t = tokens.get(at++);
            switch (t.kind) {
                case STRING:
                    return e -> t.text;
                case NUMBER:
                    BigDecimal n = new BigDecimal(t.text);
                    return e -> n;
                case LPAREN: {
                    Expr inner = or();
                    expect(Kind.RPAREN);
                    return inner;
                }
                case IDENT: {
                    String word = t.text;
                    if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
                        boolean b = Boolean.parseBoolean(word.toLowerCase(Locale.ROOT));
                        return e -> b;
                    }
                    if (word.equalsIgnoreCase("null")) {
                        return e -> null;
                    }
                    if (word.equals("DateTime") && !atEnd() && peek().kind == Kind.LPAREN) {
                        at++;
                        List<Integer> parts = new ArrayList<>();
                        parts.add(Integer.parseInt(expect(Kind.NUMBER).text));
                        while (!atEnd() && peek().kind == Kind.COMMA) {
                            at++;
                            parts.add(Integer.parseInt(expect(Kind.NUMBER).text));
                        }
                        expect(Kind.RPAREN);
                        if (parts.size() != 3 && parts.size() != 6) {
                            throw new ParseError("Syntax error: DateTime takes 3 or 6 numbers");
                        }
                        LocalDateTime value = parts.size() == 3
                                ? LocalDateTime.of(parts.get(0), parts.get(1), parts.get(2), 0, 0)
                                : LocalDateTime.of(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4),
                                        parts.get(5));
                        return e -> value;
                    }
                    if (word.equals("Guid") && !atEnd() && peek().kind == Kind.LPAREN) {
                        at++;
                        String value = expect(Kind.STRING).text;
                        expect(Kind.RPAREN);
                        return e -> value;
                    }
                    return e -> property(e, word);
                }
                default:
                    throw new ParseError("Syntax error: unexpected '" + t.text + "' at position " + t.pos);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ evaluation

    private static boolean truthy(Object value) {
        return Boolean.TRUE.equals(value);
    }

    private static Object property(Object target, String name) {
        if (!(target instanceof JsonNode node) || !node.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equalsIgnoreCase(name)) {
                return value(f.getValue());
            }
        }
        return null;
    }

    private static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isTextual()) {
            Matcher ms = MS_DATE.matcher(n.textValue());
            if (ms.matches()) {
                return LocalDateTime.ofEpochSecond(Long.parseLong(ms.group(1)) / 1000, 0, ZoneOffset.UTC);
            }
            return n.textValue();
        }
        return n;
    }

    private static Object call(String method, Object target, List<Object> args) {
        if (target == null) {
            throw new NullTarget("Object reference not set to an instance of an object (" + method + " on null)");
        }
        String s = String.valueOf(target);
        String arg = args.isEmpty() || args.get(0) == null ? "" : String.valueOf(args.get(0));
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "tolower" -> s.toLowerCase(Locale.ROOT);
            case "toupper" -> s.toUpperCase(Locale.ROOT);
            case "trim" -> s.trim();
            case "contains" -> s.toLowerCase(Locale.ROOT).contains(arg.toLowerCase(Locale.ROOT));
            case "startswith" -> s.toLowerCase(Locale.ROOT).startsWith(arg.toLowerCase(Locale.ROOT));
            case "endswith" -> s.toLowerCase(Locale.ROOT).endsWith(arg.toLowerCase(Locale.ROOT));
            default -> throw new ParseError("No applicable method '" + method + "' exists");
        };
    }

    private static boolean compare(String op, Object a, Object b) {
        if (a == null || b == null) {
            boolean same = a == null && b == null;
            return switch (op) {
                case "==" -> same;
                case "!=" -> !same;
                default -> false;
            };
        }
        int c;
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            c = x.compareTo(y);
        } else if (a instanceof LocalDateTime x && b instanceof LocalDateTime y) {
            c = x.compareTo(y);
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            c = Boolean.compare(x, y);
        } else {
            c = String.valueOf(a).compareToIgnoreCase(String.valueOf(b));
        }
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        };
    }
}
