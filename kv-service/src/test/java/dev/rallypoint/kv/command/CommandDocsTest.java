package dev.rallypoint.kv.command;

import dev.rallypoint.kv.KvServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's command table lists exactly the commands the server has, with their arity. */
@QuarkusTest
class CommandDocsTest {

    private static final Pattern ROW = Pattern.compile("^\\| [A-Za-z]+ \\| `([A-Z]+)` \\| (-?\\d+) \\|", Pattern.MULTILINE);

    @Inject
    KvServer server;

    @Test
    void theReadmeTableIsTheCommandTable() throws Exception {
        Map<String, Integer> documented = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            documented.put(row.group(1).toLowerCase(Locale.ROOT), Integer.parseInt(row.group(2)));
        }
        Map<String, Integer> served = new TreeMap<>();
        server.table().all().forEach(spec -> served.put(spec.name(), spec.arity()));
        assertEquals(served, documented);
    }
}
