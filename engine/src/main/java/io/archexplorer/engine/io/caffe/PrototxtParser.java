package io.archexplorer.engine.io.caffe;

import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.caffe.PrototxtTokenizer.Kind;
import io.archexplorer.engine.io.caffe.PrototxtTokenizer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the protobuf text format as Caffe writes it into a {@link PrototxtMessage} tree.
 *
 * <p>Hand-written rather than generated from caffe.proto with a protobuf library: the text format is a small
 * grammar, a generated parser would need the (large, version-dependent) schema and would reject the custom layer
 * types and fields of forks (Axpy, ShuffleChannel, ConvolutionDepthwise) that the importer must show as opaque
 * layers, and its errors do not carry the line and column this project reports. Without a schema, a field is a
 * message exactly when it is written with braces, which is how the text format distinguishes them anyway.
 *
 * <p>Accepted: {@code name: value}, {@code name { ... }}, {@code name: { ... }} (older Caffe files), {@code <>} as
 * braces, list values {@code name: [1, 2]}, optional {@code ,} or {@code ;} after a field, {@code #} comments.
 */
public final class PrototxtParser {
    /** Messages nest this deep at most (as the JSON reader's limit); real nets nest 3 or 4 levels. */
    public static final int MAX_NESTING = 1000;

    private final PrototxtTokenizer tokens;
    private Token current;
    private int depth;

    private PrototxtParser(String source, String text) throws ModelFileException {
        tokens = new PrototxtTokenizer(source, text);
        current = tokens.next();
    }

    /** Parses a whole file; {@code source} names it in messages ({@code file:line:column: what was expected}). */
    static PrototxtMessage parse(String source, String text) throws ModelFileException {
        return new PrototxtParser(source, text).message(null);
    }

    /** Fields up to {@code close} (a closing brace), or to the end of the file when it is null. */
    private PrototxtMessage message(String close) throws ModelFileException {
        List<PrototxtMessage.Field> fields = new ArrayList<>();
        while (true) {
            if (close == null ? current.kind() == Kind.END : current.is(close)) {
                advance();
                return new PrototxtMessage(fields);
            }
            if (current.kind() != Kind.IDENTIFIER) {
                String wanted = close == null ? "a field name" : "a field name or '" + close + "'";
                throw expected(wanted);
            }
            field(fields);
            if (current.is(",") || current.is(";")) {
                advance();
            }
        }
    }

    private void field(List<PrototxtMessage.Field> fields) throws ModelFileException {
        Token name = current;
        advance();
        boolean colon = current.is(":");
        if (colon) {
            advance();
        }
        String close = closing(current);
        if (close != null) {
            if (++depth > MAX_NESTING) {
                throw tokens.error(current.line(), current.column(), "messages nested deeper than " + MAX_NESTING
                        + " levels");
            }
            advance();
            fields.add(new PrototxtMessage.Field(name.text(), null, message(close), name.line(), name.column()));
            depth--;
            return;
        }
        if (!colon) {
            throw expected("':' or '{' after '" + name.text() + "'");
        }
        if (current.is("[")) {
            advance();
            while (!current.is("]")) {
                fields.add(scalar(name));
                if (current.is(",")) {
                    advance();
                } else if (!current.is("]")) {
                    throw expected("',' or ']'");
                }
            }
            advance();
            return;
        }
        fields.add(scalar(name));
    }

    private PrototxtMessage.Field scalar(Token name) throws ModelFileException {
        Token value = current;
        if (value.kind() != Kind.IDENTIFIER && value.kind() != Kind.NUMBER && value.kind() != Kind.STRING) {
            throw expected("a value for '" + name.text() + "'");
        }
        advance();
        return new PrototxtMessage.Field(name.text(), value.text(), null, name.line(), name.column());
    }

    private static String closing(Token open) {
        return open.is("{") ? "}" : open.is("<") ? ">" : null;
    }

    private void advance() throws ModelFileException {
        current = tokens.next();
    }

    private ModelFileException expected(String what) {
        return tokens.error(current.line(), current.column(), "expected " + what + ", got " + current.describe());
    }
}
