package dev.rallypoint.common.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The studio's server keys: its own game servers call the services with
 * {@code Authorization: ServerKey <key>}. Each is configured as one line
 * {@code <name> <sha-256 of the key, hex> <scope>[,<scope>...]}, in a mounted secret file
 * ({@code rallypoint.server-keys.file}) or inline ({@code rallypoint.server-keys.lines}, lines
 * separated by newlines or {@code ;}). Only hashes are configured: a copy of the configuration
 * does not hand out working keys, and a key is random (at least 128 bits), so a plain SHA-256
 * is enough.
 */
@ApplicationScoped
public class ServerKeys {

    /** What a key may do; each scope is the role {@code server:<scope>}. */
    public static final Set<String> SCOPES = Set.of("scores", "saves", "sessions", "rooms");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** A configured key: its name (for logs and metrics) and scopes. */
    public record Key(String name, Set<String> scopes) {
    }

    private final Map<String, Key> byHash;

    ServerKeys(@ConfigProperty(name = "rallypoint.server-keys.file") Optional<Path> file,
               @ConfigProperty(name = "rallypoint.server-keys.lines") Optional<String> lines) {
        Map<String, Key> keys = new HashMap<>();
        file.ifPresent(path -> parse(read(path), path.toString(), keys));
        lines.ifPresent(text -> parse(text, "rallypoint.server-keys.lines", keys));
        this.byHash = Map.copyOf(keys);
    }

    /** The key whose hash this presented key has, if any. */
    public Optional<Key> find(String presented) {
        return Optional.ofNullable(byHash.get(SessionKeys.sha256(presented)));
    }

    private static void parse(String text, String source, Map<String, Key> keys) {
        for (String line : text.split("[\\n;]")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] fields = entry.split("\\s+");
            if (fields.length != 3 || !NAME.matcher(fields[0]).matches() || !HASH.matcher(fields[1].toLowerCase()).matches()) {
                throw invalid(source, "'<name> <sha-256 hex> <scope>[,<scope>...]' expected, got '" + fields[0] + " ...'");
            }
            Set<String> scopes = Arrays.stream(fields[2].split(",")).map(String::strip).collect(Collectors.toSet());
            if (!SCOPES.containsAll(scopes)) {
                throw invalid(source, "key '" + fields[0] + "': scopes are " + SCOPES + ", got " + scopes);
            }
            if (keys.put(fields[1].toLowerCase(), new Key(fields[0], Set.copyOf(scopes))) != null) {
                throw invalid(source, "key '" + fields[0] + "' has the hash of another key");
            }
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the server keys from " + path, e);
        }
    }

    private static IllegalStateException invalid(String source, String detail) {
        return new IllegalStateException("Invalid server keys in " + source + ": " + detail);
    }
}
