package dev.rallypoint.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker-compose.yml as `docker compose config` sees it with an empty environment. */
record ComposeFile(Map<String, Object> model) {

    /** ${NAME:-default}, ${NAME-default}, ${NAME:?error} or ${NAME}; $$ is a literal dollar. */
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*)|(:?\\?[^}]*))?}");
    /** What a required variable stands for here: the value is the user's. */
    private static final String REQUIRED = "(required)";

    static ComposeFile read(Path file) throws IOException {
        return new ComposeFile(Yaml.document(interpolate(Files.readString(file))));
    }

    /** Replaces each variable by its default, as compose does when the variable is unset. */
    static String interpolate(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group().equals("$$") ? "$"
                    : matcher.group(3) != null ? REQUIRED
                    : matcher.group(2) == null ? "" : matcher.group(2);
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    Map<String, Object> services() {
        return Yaml.map(model, "services");
    }
}
