package dev.rallypoint.common.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server keys come from a mounted file or inline lines, as hashes; a bad line stops the start. */
class ServerKeysTest {

    private static final String KEY = "rps_a_key_the_studio_generated_0001";

    @Test
    void aKeyIsFoundByItsHashFromAFileOrInline(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("server-keys");
        Files.writeString(file, "# the studio's game servers\n\nmatch-server " + SessionKeys.sha256(KEY) + " rooms,scores\n");
        ServerKeys keys = new ServerKeys(Optional.of(file), Optional.of("ops " + SessionKeys.sha256("other-key-0000000000") + " saves"));

        assertEquals(new ServerKeys.Key("match-server", Set.of("rooms", "scores")), keys.find(KEY).orElseThrow());
        assertEquals("ops", keys.find("other-key-0000000000").orElseThrow().name());
        assertTrue(keys.find(SessionKeys.sha256(KEY)).isEmpty(), "the hash itself is no key");
        assertTrue(keys.find("").isEmpty());
    }

    @Test
    void aBadLineStopsTheStart() {
        String hash = SessionKeys.sha256(KEY);
        for (String lines : new String[] {"no-hash scores", "bad " + hash.substring(1) + " scores", "scopeless " + hash,
                "odd " + hash + " scores,admin", "bad/name " + hash + " scores", "a " + hash + " saves;b " + hash + " scores"}) {
            assertThrows(IllegalStateException.class, () -> new ServerKeys(Optional.empty(), Optional.of(lines)), lines);
        }
    }
}
