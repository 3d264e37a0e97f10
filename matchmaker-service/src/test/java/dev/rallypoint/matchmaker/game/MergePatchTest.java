package dev.rallypoint.matchmaker.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The examples of RFC 7396, Appendix A, and what cjson would have broken. */
class MergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "{\"a\":\"b\"}; {\"a\":\"c\"}; {\"a\":\"c\"}",
            "{\"a\":\"b\"}; {\"b\":\"c\"}; {\"a\":\"b\",\"b\":\"c\"}",
            "{\"a\":\"b\"}; {\"a\":null}; {}",
            "{\"a\":\"b\",\"b\":\"c\"}; {\"a\":null}; {\"b\":\"c\"}",
            "{\"a\":[\"b\"]}; {\"a\":\"c\"}; {\"a\":\"c\"}",
            "{\"a\":\"c\"}; {\"a\":[\"b\"]}; {\"a\":[\"b\"]}",
            "{\"a\":{\"b\":\"c\"}}; {\"a\":{\"b\":\"d\",\"c\":null}}; {\"a\":{\"b\":\"d\"}}",
            "{\"a\":[{\"b\":\"c\"}]}; {\"a\":[1]}; {\"a\":[1]}",
            "[\"a\",\"b\"]; [\"c\",\"d\"]; [\"c\",\"d\"]",
            "{\"a\":\"b\"}; [\"c\"]; [\"c\"]",
            "{\"a\":\"foo\"}; null; null",
            "{\"a\":\"foo\"}; \"bar\"; \"bar\"",
            "{\"e\":null}; {\"a\":1}; {\"e\":null,\"a\":1}",
            "[1,2]; {\"a\":\"b\",\"c\":null}; {\"a\":\"b\"}",
            "{}; {\"a\":{\"bb\":{\"ccc\":null}}}; {\"a\":{\"bb\":{}}}",
            "{\"hits\":[]}; {\"score\":12345678901234567890,\"t\":0.1}; {\"hits\":[],\"score\":12345678901234567890,\"t\":0.1}"})
    void appliesLikeTheRfc(String target, String patch, String result) throws Exception {
        JsonNode original = JSON.readTree(target);
        assertEquals(JSON.readTree(result), MergePatch.apply(original, JSON.readTree(patch)));
        assertEquals(JSON.readTree(target), original, "the target is left as it was");
    }
}
