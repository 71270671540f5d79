package io.archexplorer.engine.io.caffe;

import io.archexplorer.engine.io.ModelFileException;

/**
 * Splits protobuf text format into tokens, each with the line and column where it starts. Skips whitespace
 * (tabs included) and {@code #} comments to the end of the line.
 */
final class PrototxtTokenizer {

    /** What a token is. */
    enum Kind { IDENTIFIER, NUMBER, STRING, SYMBOL, END }

    /** One token; {@code text} is the string's content for STRING (quotes removed, escapes resolved). */
    record Token(Kind kind, String text, int line, int column) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the file";
                case STRING -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private final String source;
    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    PrototxtTokenizer(String source, String text) {
        this.source = source;
        this.text = text;
    }

    Token next() throws ModelFileException {
        skipSpaceAndComments();
        int column = pos - lineStart + 1;
        if (pos >= text.length()) {
            return new Token(Kind.END, "", line, column);
        }
        char c = text.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Kind.IDENTIFIER, text.substring(start, pos), line, column);
        }
        if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
            return number(column);
        }
        if (c == '"' || c == '\'') {
            return string(c, column);
        }
        if ("{}[]:,;<>".indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.SYMBOL, String.valueOf(c), line, column);
        }
        throw error(line, column, "unexpected character '" + c + "'");
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /** Digits with an optional sign, fraction, exponent and float suffix ({@code 1e-5}, {@code 0.5f}, {@code -1}). */
    private Token number(int column) throws ModelFileException {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        while (pos < text.length()) {
            char c = text.charAt(pos);
            char previous = text.charAt(pos - 1);
            boolean exponentSign = (c == '-' || c == '+') && (previous == 'e' || previous == 'E');
            if (Character.isLetterOrDigit(c) || c == '.' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        String number = text.substring(start, pos);
        String digits = number.endsWith("f") || number.endsWith("F") ? number.substring(0, number.length() - 1)
                : number;
        try {
            Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw error(line, column, "expected a number, got '" + number + "'");
        }
        return new Token(Kind.NUMBER, digits, line, column);
    }

    private Token string(char quote, int column) throws ModelFileException {
        StringBuilder s = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw error(line, column, "string not closed by " + quote + " on its line");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return new Token(Kind.STRING, s.toString(), line, column);
            }
            if (c == '\\' && pos < text.length()) {
                char escaped = text.charAt(pos++);
                s.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> escaped;
                });
            } else {
                s.append(c);
            }
        }
    }

    ModelFileException error(int atLine, int atColumn, String message) {
        return new ModelFileException(source + ":" + atLine + ":" + atColumn + ": " + message);
    }
}
