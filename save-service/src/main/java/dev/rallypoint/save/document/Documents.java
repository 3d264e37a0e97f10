package dev.rallypoint.save.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rallypoint.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reading and writing documents so that numbers survive exactly: integers of any size stay
 * BigIntegers, decimals stay BigDecimals with their scale (no double anywhere), and text is
 * kept as given.
 */
@ApplicationScoped
class Documents {

    private final ObjectMapper json;
    private final SaveConfig config;

    Documents(SaveConfig config) {
        this.config = config;
        this.json = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
        // One past the limit, so that a document exactly at the limit parses.
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(config.maxDepth() + 1).build());
    }

    /** A request body as a document: at most the size limit, valid JSON, an object, not too deep. */
    JsonNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("not-an-object", "The body must be a JSON object.");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > config.maxDocumentBytes()) {
            throw tooLarge();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (StreamConstraintsException e) {
            throw tooDeep();
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-json", "The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("not-an-object", "The body must be a JSON object.");
        }
        if (depth(node) > config.maxDepth()) {
            throw tooDeep();
        }
        return node;
    }

    /**
     * Checks a body that is stored as sent (create, replace) in one streaming pass, without
     * building a tree: the same rules as {@link #parseObject}, at a fraction of the cost.
     */
    void validateObject(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("not-an-object", "The body must be a JSON object.");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > config.maxDocumentBytes()) {
            throw tooLarge();
        }
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.badRequest("not-an-object", "The body must be a JSON object.");
            }
            int depth = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw ProblemException.badRequest("malformed-json", "The body is not valid JSON: it ends early.");
                }
                if (token.isStructStart() && ++depth > config.maxDepth()) {
                    throw tooDeep();
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
            if (parser.nextToken() != null) {
                throw ProblemException.badRequest("malformed-json", "The body is not valid JSON: more follows the object.");
            }
        } catch (StreamConstraintsException e) {
            throw tooDeep();
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-json", "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stored document, which was valid when it was written. */
    JsonNode parseStored(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
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

    private ProblemException tooDeep() {
        return ProblemException.badRequest("too-deep", "A document nests at most " + config.maxDepth() + " levels.");
    }

    private ProblemException tooLarge() {
        return new ProblemException(413, "too-large", "Content too large",
                "A document has at most " + config.maxDocumentBytes() + " bytes.");
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }
}
