package io.archexplorer.engine.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Op;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's own model file: JSON, one object per layer in a {@code layers} array.
 *
 * <pre>{@code
 * {"format": "architecture-explorer-net", "version": 1, "name": "resnet50", "family": "resnet",
 *  "knobs": {"depth": 50, ...},
 *  "layers": [{"name": "input", "op": "input", "batch": 1, "channels": 3, "height": 224, "width": 224},
 *             {"name": "conv1", "op": "conv", "inputs": ["input"], "out_channels": 64, ...}, ...]}
 * }</pre>
 *
 * Reading reports every problem as {@code file:line:column: what is wrong}, pointing at the layer that has it;
 * writing is atomic (a temporary file moved into place), so a failed save never destroys the previous file.
 */
public final class NetJson {
    public static final String FORMAT = "architecture-explorer-net";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Reading refuses a key given twice in one object (Jackson would keep the last silently). */
    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private NetJson() {
    }

    /** Writes the document to {@code file} atomically. */
    public static void write(NetDocument doc, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(doc, out));
    }

    /** Writes the document as pretty-printed JSON, one layer per line. */
    public static void write(NetDocument doc, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeStringField("name", doc.net().name());
            if (!doc.family().isEmpty()) {
                g.writeStringField("family", doc.family());
            }
            g.writeFieldName("knobs");
            MAPPER.writeValue(g, doc.knobs());
            g.writeFieldName("layers");
            g.writeStartArray();
            for (Layer l : doc.net().layers()) {
                g.writeRaw("\n  ");
                writeLayer(g, l);
            }
            g.writeRaw("\n");
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw("\n");
        }
    }

    private static void writeLayer(JsonGenerator g, Layer l) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", l.name());
        g.writeStringField("op", l.op().kind());
        if (!l.block().isEmpty()) {
            g.writeStringField("block", l.block());
        }
        if (!l.inputs().isEmpty()) {
            g.writeArrayFieldStart("inputs");
            for (String in : l.inputs()) {
                g.writeString(in);
            }
            g.writeEndArray();
        }
        for (Map.Entry<String, Object> a : OpCodec.attributes(l.op()).entrySet()) {
            g.writeFieldName(a.getKey());
            MAPPER.writeValue(g, a.getValue());
        }
        g.writeEndObject();
    }

    /** Reads and validates a model file. */
    public static NetDocument read(Path file) throws ModelFileException {
        return read(file.toString(), new StringReader(ModelFileReading.readText(file, "JSON model file")));
    }

    /**
     * Reads a model from a reader; {@code source} names it in messages.
     *
     * <p>The layers are parsed one by one from the token stream so that each keeps the line and column where it
     * starts; a tree of the whole file would lose them.
     */
    public static NetDocument read(String source, Reader reader) throws ModelFileException {
        Map<String, JsonLocation> layerLocations = new HashMap<>();
        JsonParser p;
        try {
            p = READER.getFactory().createParser(reader);
        } catch (IOException e) {
            throw new ModelFileException(source + ": cannot read: " + e.getMessage(), e);
        }
        try (p) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw problem(source, p.currentTokenLocation(), "expected a JSON object with a 'layers' array");
            }
            String name = null;
            String family = "";
            Map<String, Object> knobs = Map.of();
            List<Layer> layers = null;
            boolean formatSeen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                p.nextToken();
                switch (field) {
                    case "format" -> {
                        formatSeen = true;
                        if (!FORMAT.equals(p.getValueAsString())) {
                            throw problem(source, at, "format must be \"" + FORMAT + "\"");
                        }
                    }
                    case "version" -> {
                        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || !p.getText().equals("" + VERSION)) {
                            throw problem(source, at, "unsupported version " + p.getText() + " (this tool reads "
                                    + VERSION + ")");
                        }
                    }
                    case "name" -> name = p.getValueAsString();
                    case "family" -> family = p.getValueAsString("");
                    case "knobs" -> {
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            throw problem(source, at, "'knobs' must be an object of knob names and values");
                        }
                        knobs = READER.readValue(p, LinkedHashMap.class);
                    }
                    case "layers" -> layers = readLayers(source, p, layerLocations);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw problem(source, p.currentTokenLocation(), "expected a field name or '}'");
            }
            refuseTrailingContent(source, p);
            if (!formatSeen) {
                throw problem(source, p.currentTokenLocation(), "not an Architecture Explorer model (no \"format\": \""
                        + FORMAT + "\")");
            }
            if (layers == null) {
                throw problem(source, p.currentTokenLocation(), "no 'layers' array");
            }
            NetBuilder b = new NetBuilder(name == null ? "model" : name);
            layers.forEach(b::add);
            try {
                return new NetDocument(b.build(), family, knobs);
            } catch (InvalidNetException e) {
                JsonLocation at = layerLocations.get(e.layer());
                throw at == null ? new ModelFileException(source + ": " + e.getMessage())
                        : problem(source, at, e.getMessage());
            }
        } catch (JsonProcessingException e) {
            // A broken constraint (nesting depth) carries no location; the parser stands where it was found.
            JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            String message = plainJsonMessage(e.getOriginalMessage());
            throw at == null ? new ModelFileException(source + ": " + message) : problem(source, at, message);
        } catch (CharacterCodingException e) {
            throw new ModelFileException(source + ": not UTF-8 text (is it a model file?)");
        } catch (IOException e) {
            throw new ModelFileException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A second document or stray text after the model is refused: a careless concatenation, not a model. */
    private static void refuseTrailingContent(String source, JsonParser p) throws IOException, ModelFileException {
        JsonLocation end = p.currentTokenLocation();
        try {
            if (p.nextToken() == null) {
                return;
            }
            end = p.currentTokenLocation();
        } catch (JsonProcessingException e) {
            end = e.getLocation() == null ? end : e.getLocation();
        }
        throw problem(source, end, "unexpected content after the model's closing '}'");
    }

    private static List<Layer> readLayers(String source, JsonParser p, Map<String, JsonLocation> locations)
            throws IOException, ModelFileException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw problem(source, p.currentTokenLocation(), "'layers' must be an array");
        }
        List<Layer> layers = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = p.currentTokenLocation();
            JsonNode node = READER.readTree(p);
            Layer layer = readLayer(source, at, node);
            locations.putIfAbsent(layer.name(), at);
            layers.add(layer);
        }
        return layers;
    }

    private static Layer readLayer(String source, JsonLocation at, JsonNode node) throws ModelFileException {
        if (!node.isObject()) {
            throw problem(source, at, "a layer must be an object");
        }
        String name = text(source, at, node, "name", null);
        String kind = text(source, at, node, "op", name);
        String block = node.has("block") ? text(source, at, node, "block", name) : "";
        List<String> inputs = new ArrayList<>();
        JsonNode in = node.get("inputs");
        if (in != null) {
            if (!in.isArray()) {
                throw problem(source, at, "layer '" + name + "': 'inputs' must be an array of layer names");
            }
            for (JsonNode i : in) {
                inputs.add(i.asText());
            }
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!List.of("name", "op", "block", "inputs").contains(f.getKey())) {
                attributes.put(f.getKey(), MAPPER.convertValue(f.getValue(), Object.class));
            }
        }
        try {
            Op op = OpCodec.create(kind, attributes);
            return new Layer(name, op, inputs, block);
        } catch (IllegalArgumentException e) {
            throw problem(source, at, "layer '" + name + "': " + e.getMessage());
        }
    }

    private static String text(String source, JsonLocation at, JsonNode node, String field, String layer)
            throws ModelFileException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            String who = layer == null ? "a layer" : "layer '" + layer + "'";
            throw problem(source, at, who + " needs a text '" + field + "'");
        }
        return v.asText();
    }

    /**
     * Jackson's message in the project's words: its first line, without the names of Jackson's own settings
     * ({@code JsonReadFeature...}, {@code StreamReadConstraints...}) that a user cannot act on.
     */
    static String plainJsonMessage(String original) {
        String line = original == null ? "" : original.lines().findFirst().orElse("").strip();
        if (line.contains("nesting depth")) {
            return "nested deeper than " + READER.getFactory().streamReadConstraints().getMaxNestingDepth()
                    + " levels";
        }
        if (line.contains("Non-standard token")) {
            return line.replaceFirst("Non-standard token ('[^']*').*", "$1 is not a JSON number (write a finite"
                    + " decimal number)");
        }
        if (line.contains("Duplicate field")) {
            return line.replaceFirst("Duplicate field ('[^']*').*", "key $1 is given twice");
        }
        if (line.startsWith("Unexpected end-of-input")) {
            return "the file ends early" + (line.contains("close marker for Object") ? ": a '}' is missing"
                    : line.contains("close marker for Array") ? ": a ']' is missing" : "");
        }
        if (line.startsWith("Cannot deserialize")) {
            return "a value of the wrong type (a text, number, list or object where another is expected)";
        }
        String plain = line.replaceAll("[:;,]? *\\(?(enable|from|use) `[^`]*`[^)]*\\)?", "")
                .replaceAll("`[\\w.$]+\\.([\\w$]+)`", "$1").replaceAll(" *\\(for [\\w.$]+\\)", "")
                .replaceAll("\\s*\\(?start marker at \\[.*", "").replaceAll("\\s*Source: .*", "").strip();
        return plain.isEmpty() ? "malformed JSON" : plain;
    }

    private static ModelFileException problem(String source, JsonLocation at, String message) {
        // Jackson counts an empty document's end as column 0; columns here start at 1, as in every message.
        return new ModelFileException(source + ":" + Math.max(1, at.getLineNr()) + ":" + Math.max(1, at.getColumnNr())
                + ": " + message);
    }
}
