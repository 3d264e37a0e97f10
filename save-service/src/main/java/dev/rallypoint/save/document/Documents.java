package dev.rallypoint.save.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.rallypoint.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reading and writing documents so that numbers survive exactly: a number is kept as the text it
 * was sent as (a raw value in the tree, written back verbatim), never turned into a double, a
 * BigDecimal or a BigInteger, so {@code 0.0000001}, {@code 1e400} and a 500-digit integer come back
 * as sent, after any number of merges. Strings are kept as given.
 */
@ApplicationScoped
class Documents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;
    private final JsonFactory parsers;
    private final SaveConfig config;

    Documents(SaveConfig config) {
        this.config = config;
        this.json = JsonMapper.builder().build();
        this.parsers = json.getFactory();
        // A member named twice has no one meaning (a merge would keep the last): refused.
        parsers.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // A number or a member name as long as a whole document is still a valid document: only
        // the size and depth limits decide. The depth is counted in value(), to name the error;
        // the parser's own limit stays one level past it.
        parsers.setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(config.maxDocumentBytes())
                .maxNameLength(config.maxDocumentBytes())
                .maxNestingDepth(config.maxDepth() + 1)
                .build());
    }

    /** A request body as a document: at most the size limit, valid JSON, an object, not too deep. */
    JsonNode parseObject(String body) {
        return read(body, true);
    }

    /**
     * Checks a body that is stored as sent (create, replace): the same rules as
     * {@link #parseObject}, in one streaming pass without building a tree.
     */
    void validateObject(String body) {
        read(body, false);
    }

    /** A stored document, which was valid when it was written. */
    JsonNode parseStored(String text) {
        try (JsonParser parser = parsers.createParser(text)) {
            parser.nextToken();
            return value(parser, 1, true);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable stored document", e);
        }
    }

    /** A merged document as it will be stored: within the size limit. */
    String write(JsonNode document) {
        try {
            String text = json.writeValueAsString(document);
            if (text.getBytes(StandardCharsets.UTF_8).length > config.maxDocumentBytes()) {
                throw tooLarge();
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String body, boolean build) {
        if (body == null || body.isBlank()) {
            throw notAnObject();
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > config.maxDocumentBytes()) {
            throw tooLarge();
        }
        try (JsonParser parser = parsers.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                // Still a malformed-json error when the body is not JSON at all.
                parser.skipChildren();
                throw notAnObject();
            }
            JsonNode document = value(parser, 1, build);
            if (parser.nextToken() != null) {
                throw ProblemException.badRequest("malformed-json", "The body is not valid JSON: more follows the object.");
            }
            return document;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-json", "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The value at the parser's current token, {@code depth} containers deep (the document itself
     * is 1), or null when not {@code build}ing; leaves the parser on the value's last token.
     */
    private JsonNode value(JsonParser parser, int depth, boolean build) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw ProblemException.badRequest("malformed-json", "The body is not valid JSON: it ends early.");
        }
        if (token.isStructStart() && depth > config.maxDepth()) {
            throw ProblemException.badRequest("too-deep", "A document nests at most " + config.maxDepth() + " levels.");
        }
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = build ? NODES.objectNode() : null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    checkText(name);
                    parser.nextToken();
                    JsonNode member = value(parser, depth + 1, build);
                    if (build) {
                        object.set(name, member);
                    }
                }
                yield endOf(parser, JsonToken.END_OBJECT, object);
            }
            case START_ARRAY -> {
                ArrayNode array = build ? NODES.arrayNode() : null;
                while (parser.nextToken() != JsonToken.END_ARRAY && parser.currentToken() != null) {
                    JsonNode element = value(parser, depth + 1, build);
                    if (build) {
                        array.add(element);
                    }
                }
                yield endOf(parser, JsonToken.END_ARRAY, array);
            }
            case VALUE_STRING -> {
                checkText(CharBuffer.wrap(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength()));
                yield build ? NODES.textNode(parser.getText()) : null;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> build ? NODES.rawValueNode(new RawValue(parser.getText())) : null;
            case VALUE_TRUE, VALUE_FALSE -> build ? NODES.booleanNode(token == JsonToken.VALUE_TRUE) : null;
            case VALUE_NULL -> build ? NODES.nullNode() : null;
            default -> throw ProblemException.badRequest("malformed-json", "The body is not valid JSON.");
        };
    }

    /**
     * Text as it may be stored: a lone UTF-16 surrogate ("\\ud83d" without its pair) is valid JSON
     * but no character, and would turn into "?" on the way to UTF-8, so it is refused (as I-JSON,
     * RFC 7493, does).
     */
    private static void checkText(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ProblemException.badRequest("invalid-text",
                        "Text holds a lone UTF-16 surrogate (\\u" + Integer.toHexString(c) + "), which is no character.");
            }
        }
    }

    private static JsonNode endOf(JsonParser parser, JsonToken end, JsonNode container) {
        if (parser.currentToken() != end) {
            throw ProblemException.badRequest("malformed-json", "The body is not valid JSON: it ends early.");
        }
        return container;
    }

    private static ProblemException notAnObject() {
        return ProblemException.badRequest("not-an-object", "The body must be a JSON object.");
    }

    private ProblemException tooLarge() {
        return new ProblemException(413, "too-large", "Content too large",
                "A document has at most " + config.maxDocumentBytes() + " bytes.");
    }
}
