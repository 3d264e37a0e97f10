package dev.rallypoint.common.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a service's last build packaged, as Quarkus records it in
 * {@code target/quarkus-artifact.properties}: the jar, or after {@code -Dnative} the native
 * executable. A test that starts the service as its own process starts that, as
 * {@code @QuarkusIntegrationTest} does, so the same test covers both.
 */
public record PackagedArtifact(boolean isNative, Path path) {

    /** The artifact of the service module at {@code moduleDir}. */
    public static PackagedArtifact of(Path moduleDir) {
        Path target = moduleDir.toAbsolutePath().resolve("target");
        Properties recorded = new Properties();
        try (Reader reader = Files.newBufferedReader(target.resolve("quarkus-artifact.properties"))) {
            recorded.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(moduleDir + " is not packaged yet: ./mvnw package builds it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A container image build records no file to run; its jar is still there.
        if ("native".equals(recorded.getProperty("type"))) {
            return new PackagedArtifact(true, target.resolve(recorded.getProperty("path")));
        }
        return new PackagedArtifact(false, target.resolve("quarkus-app/quarkus-run.jar"));
    }

    /** The command line that starts it with these system properties. */
    public List<String> command(Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(isNative ? path.toString() : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (!isNative) {
            command.add("-jar");
            command.add(path.toString());
        }
        return command;
    }
}
