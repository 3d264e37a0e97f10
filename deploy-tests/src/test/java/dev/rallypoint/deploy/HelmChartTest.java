package dev.rallypoint.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
  * The chart under deploy/helm/rallypoint, linted and rendered by the helm library itself for
  * its default values and the example values files, then checked object by object and against
  * docker-compose.yml.
  */
class HelmChartTest {

    private static final Path ROOT = Path.of(System.getProperty("rallypoint.root", ".."));
    private static final Path CHART = ROOT.resolve("deploy/helm/rallypoint");
    private static final String VERSION = System.getProperty("rallypoint.version", "0.1.0-SNAPSHOT");
    private static final String RELEASE = "rallypoint";
    private static final List<String> SERVICES =
            List.of("matchmaker-service", "save-service", "leaderboard-service", "kv-service");

    /** The values a chart is rendered with: its defaults, or defaults plus an example file. */
    enum Values {
        DEFAULT(null),
        MANAGED_REDIS("managed-redis.yaml"),
        REDIS_CLUSTER("redis-cluster.yaml");

        private final String exampleFile;

        Values(String exampleFile) {
            this.exampleFile = exampleFile;
        }

        Path file() {
            return exampleFile == null ? null : ROOT.resolve("deploy/helm/examples").resolve(exampleFile);
        }
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void lintsWithoutWarnings(Values values, @TempDir Path copy) throws IOException {
        // helm lint takes no values file from Java: lint a copy whose values.yaml has them merged in.
        Path chart = copyChart(copy);
        if (values.file() != null) {
            Map<String, Object> merged = Yaml.merge(
                    Yaml.document(Files.readString(CHART.resolve("values.yaml"))),
                    Yaml.document(Files.readString(values.file())));
            Files.writeString(chart.resolve("values.yaml"), new org.yaml.snakeyaml.Yaml().dump(merged));
        }

        LintResult result = new Helm(chart).lint().strict().call();

        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyContainerHasProbesResourcesAndRunsAsNonRootOnAReadOnlyRoot(Values values) {
        Manifests manifests = render(values);

        assertFalse(manifests.workloads().isEmpty());
        for (Map<String, Object> workload : manifests.workloads()) {
            String workloadName = (String) Yaml.at(workload, "metadata", "name");
            Map<String, Object> podSecurity = Yaml.map(workload, "spec", "template", "spec", "securityContext");
            for (Map<String, Object> container : Manifests.containers(workload)) {
                String where = workloadName + "/" + container.get("name");
                assertAll(where,
                        () -> assertNotNull(Yaml.at(container, "livenessProbe"), where + " liveness probe"),
                        () -> assertNotNull(Yaml.at(container, "readinessProbe"), where + " readiness probe"),
                        () -> assertNotNull(Yaml.at(container, "resources", "requests", "cpu"), where + " cpu request"),
                        () -> assertNotNull(Yaml.at(container, "resources", "requests", "memory"), where + " memory request"),
                        () -> assertNotNull(Yaml.at(container, "resources", "limits", "memory"), where + " memory limit"),
                        () -> assertEquals(true, Yaml.at(container, "securityContext", "runAsNonRoot"), where + " non-root"),
                        () -> assertEquals(true, Yaml.at(container, "securityContext", "readOnlyRootFilesystem"), where + " read-only root"),
                        () -> assertEquals(false, Yaml.at(container, "securityContext", "allowPrivilegeEscalation"), where + " no escalation"),
                        () -> assertEquals(List.of("ALL"), Yaml.at(container, "securityContext", "capabilities", "drop"), where + " capabilities"),
                        () -> assertTrue(((Number) podSecurity.get("runAsUser")).intValue() > 0, where + " runs as a user other than root"));
            }
        }
    }

    private static final Map<String, String> MANAGEMENT_SUFFIX = Map.of(
            "matchmaker-service", "81", "save-service", "82", "leaderboard-service", "83");

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyServiceIsProbedOnItsQuarkusHealthEndpointsAndScrapedByPrometheus(Values values) {
        Manifests manifests = render(values);

        for (String service : SERVICES) {
            Map<String, Object> deployment = manifests.get("Deployment", RELEASE + "-" + service);
            Map<String, Object> container = Manifests.containers(deployment).get(0);
            assertAll(service,
                    () -> assertEquals("/q/health/live", Yaml.at(container, "livenessProbe", "httpGet", "path")),
                    () -> assertEquals("/q/health/ready", Yaml.at(container, "readinessProbe", "httpGet", "path")),
                    () -> assertEquals("/q/health/started", Yaml.at(container, "startupProbe", "httpGet", "path")),
                    () -> assertEquals("true", Yaml.at(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/scrape")),
                    () -> assertEquals("/q/metrics", Yaml.at(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/path")),
                    () -> assertEquals(service.equals("kv-service") ? "http" : "management",
                            Yaml.at(container, "readinessProbe", "httpGet", "port"), "probed on the management port"),
                    () -> assertEquals(service.equals("kv-service") ? "8084" : "90" + MANAGEMENT_SUFFIX.get(service),
                            Yaml.at(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port")),
                    () -> assertFalse(manifests.get("Service", RELEASE + "-" + service).toString().contains("management"),
                            service + ": the Service, and so the Ingress, never carries the management port"),
                    () -> assertTrue(manifests.has("Service", RELEASE + "-" + service), service + " Service"),
                    () -> assertTrue(hasVolumeMount(container, "/tmp"), service + " writable /tmp"));
        }
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void matchmakerHasADisruptionBudgetAndAnAutoscaler(Values values) {
        Manifests manifests = render(values);
        String matchmaker = RELEASE + "-matchmaker-service";

        Map<String, Object> budget = manifests.get("PodDisruptionBudget", matchmaker);
        Map<String, Object> autoscaler = manifests.get("HorizontalPodAutoscaler", matchmaker);
        Map<String, Object> deployment = manifests.get("Deployment", matchmaker);

        assertEquals(Yaml.at(deployment, "spec", "selector", "matchLabels"), Yaml.at(budget, "spec", "selector", "matchLabels"));
        assertEquals(1, Yaml.at(budget, "spec", "minAvailable"));
        assertEquals(matchmaker, Yaml.at(autoscaler, "spec", "scaleTargetRef", "name"));
        assertEquals(2, Yaml.at(autoscaler, "spec", "minReplicas"));
        // The autoscaler owns the replica count; a fixed one would fight it on every upgrade.
        assertFalse(Yaml.map(deployment, "spec").containsKey("replicas"));
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void ingressRoutesTheWebSocketAndEveryApiToItsService(Values values) {
        Map<String, Object> ingress = render(values).get("Ingress", RELEASE);

        Map<String, String> backends = new TreeMap<>();
        for (Map<String, Object> rule : Yaml.list(ingress, "spec", "rules")) {
            for (Map<String, Object> path : Yaml.list(rule, "http", "paths")) {
                backends.put((String) path.get("path"), (String) Yaml.at(path, "backend", "service", "name"));
            }
        }
        assertEquals(Map.of(
                "/ws", RELEASE + "-matchmaker-service",
                "/api/session", RELEASE + "-save-service",
                "/api/playerstate", RELEASE + "-save-service",
                "/api/gamestate", RELEASE + "-save-service",
                "/api/leaderboard", RELEASE + "-leaderboard-service",
                "/", RELEASE + "-matchmaker-service"), backends);
        // Idle WebSockets outlive the controller's default 60 s read timeout.
        assertEquals("3600", Yaml.at(ingress, "metadata", "annotations", "nginx.ingress.kubernetes.io/proxy-read-timeout"));
    }

    @Test
    void bundledRedisIsOneStatefulSetWithAVolumeAndTheAppendOnlyFile() {
        Manifests manifests = render(Values.DEFAULT);

        Map<String, Object> redis = manifests.get("StatefulSet", RELEASE + "-redis");
        List<?> args = (List<?>) Yaml.at(Manifests.containers(redis).get(0), "args");
        assertEquals(1, Yaml.at(redis, "spec", "replicas"));
        assertEquals("yes", args.get(args.indexOf("--appendonly") + 1));
        assertEquals("/data", args.get(args.indexOf("--dir") + 1));
        assertEquals("data", Yaml.at(Yaml.list(redis, "spec", "volumeClaimTemplates").get(0), "metadata", "name"));
        assertEquals("redis://rallypoint-redis:6379", redisUrl(manifests));
        assertEquals("standalone", environment(manifests, "save-service").get("QUARKUS_REDIS_CLIENT_TYPE"));
        for (String service : List.of("save-service", "leaderboard-service", "matchmaker-service")) {
            assertEquals("true", environment(manifests, service).get("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED"), service);
        }
        for (String service : SERVICES) {
            assertEquals("true", environment(manifests, service).get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), service);
        }
    }

    @Test
    void externalRedisReplacesTheBundledOneAndItsUrlStaysInASecret() {
        Manifests manifests = render(Values.MANAGED_REDIS);

        assertTrue(manifests.ofKind("StatefulSet").isEmpty(), () -> String.join(", ", manifests.names()));
        assertEquals("rediss://rallypoint:change-me@redis.example.internal:6380", redisUrl(manifests));
        for (String service : SERVICES) {
            Map<String, Object> hosts = environmentEntry(manifests, service, "QUARKUS_REDIS_HOSTS");
            assertEquals(RELEASE + "-redis", Yaml.at(hosts, "valueFrom", "secretKeyRef", "name"), service);
        }
    }

    @Test
    void redisClusterSwitchesEveryServiceToTheClusterClient() {
        Manifests manifests = render(Values.REDIS_CLUSTER);

        assertTrue(manifests.ofKind("StatefulSet").isEmpty());
        assertTrue(redisUrl(manifests).split(",").length == 3, redisUrl(manifests));
        for (String service : SERVICES) {
            assertEquals("cluster", environment(manifests, service).get("QUARKUS_REDIS_CLIENT_TYPE"), service);
        }
        assertEquals("redis", environment(manifests, "kv-service").get("KV_STORE"));
    }

    @Test
    void aClusterWithoutNodesIsRefusedWithTheReason() {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).set("redis.cluster", "true");

        Exception refused = assertThrows(Exception.class, template::call);

        assertTrue(refused.getMessage().contains("redis.cluster=true needs the cluster's nodes in redis.url"),
                refused.getMessage());
    }

    @Test
    void kvServiceExposesItsTcpPortsAndTakesItsPasswordFromASecret() {
        Manifests manifests = new ChartRender().set("kv.auth.password", "open sesame").call();

        Map<String, Object> tcp = manifests.get("Service", RELEASE + "-kv-service-tcp");
        Set<Object> ports = Yaml.list(tcp, "spec", "ports").stream().map(port -> port.get("port")).collect(Collectors.toSet());
        assertEquals(Set.of(7379, 7380), ports);

        Map<String, Object> password = environmentEntry(manifests, "kv-service", "KV_PASSWORD");
        String secretName = (String) Yaml.at(password, "valueFrom", "secretKeyRef", "name");
        assertEquals("open sesame", decode((String) Yaml.at(manifests.get("Secret", secretName), "data", "kv-password")));
        assertEquals("0.0.0.0", environment(manifests, "kv-service").get("KV_BIND"));
    }

    @Test
    void kvPasswordCanComeFromAnExistingSecret() {
        Manifests manifests = new ChartRender().set("kv.auth.existingSecret", "game-secrets").call();

        Map<String, Object> password = environmentEntry(manifests, "kv-service", "KV_PASSWORD");
        assertEquals("game-secrets", Yaml.at(password, "valueFrom", "secretKeyRef", "name"));
        assertFalse(manifests.has("Secret", RELEASE + "-kv"));
    }

    @Test
    void serverKeysComeFromASecretMountedAsAFile() {
        Manifests manifests = new ChartRender().set("common.serverKeysSecret", "studio-server-keys").call();

        for (String service : SERVICES) {
            Map<String, Object> deployment = manifests.get("Deployment", RELEASE + "-" + service);
            boolean mounted = deployment.toString().contains("studio-server-keys");
            if (service.equals("kv-service")) {
                assertFalse(mounted, "kv-service takes no server keys");
                continue;
            }
            assertTrue(mounted, service);
            assertEquals("/etc/rallypoint/server-keys/server-keys",
                    Yaml.at(environmentEntry(manifests, service, "RALLYPOINT_SERVER_KEYS_FILE"), "value"));
        }
        assertFalse(render(Values.DEFAULT).get("Deployment", RELEASE + "-save-service").toString().contains("server-keys"));
    }

    @Test
    void imagesAndEnvironmentAreTheComposeFiles() throws IOException {
        Manifests manifests = render(Values.DEFAULT);
        ComposeFile compose = ComposeFile.read(ROOT.resolve("docker-compose.yml"));

        Map<String, Set<String>> composeEnvironmentByImage = new TreeMap<>();
        compose.services().values().forEach(service -> {
            String image = (String) Yaml.at(service, "image");
            if (image.startsWith("rallypoint/")) {
                Set<String> names = new TreeSet<>(Yaml.map(service, "environment").keySet());
                // The two matchmaker replicas are configured alike.
                Set<String> other = composeEnvironmentByImage.putIfAbsent(image, names);
                assertTrue(other == null || other.equals(names), image);
            }
        });
        Map<String, Set<String>> chartEnvironmentByImage = new TreeMap<>();
        for (String service : SERVICES) {
            Map<String, Object> container = container(manifests, service);
            chartEnvironmentByImage.put((String) container.get("image"), environment(manifests, service).keySet());
        }

        assertEquals(Stream.of("matchmaker-service", "save-service", "leaderboard-service", "kv-service")
                .map(service -> "rallypoint/" + service + ":" + VERSION)
                .collect(Collectors.toCollection(TreeSet::new)), chartEnvironmentByImage.keySet());
        assertEquals(composeEnvironmentByImage, chartEnvironmentByImage);
    }

    @Test
    void theChartRunsEachImageAsTheUserAndOnThePortsItsBuildGivesIt() throws IOException {
        Manifests manifests = render(Values.DEFAULT);
        Map<String, Object> podSecurity = Yaml.map(
                manifests.get("Deployment", RELEASE + "-save-service"), "spec", "template", "spec", "securityContext");

        for (String service : SERVICES) {
            Properties image = new Properties();
            try (var reader = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
                image.load(reader);
            }
            Set<Integer> imagePorts = Stream.of(image.getProperty("quarkus.jib.ports").split(","))
                    .map(String::trim).map(Integer::valueOf).collect(Collectors.toSet());
            Set<Integer> chartPorts = Yaml.list(container(manifests, service), "ports").stream()
                    .map(port -> (Integer) port.get("containerPort")).collect(Collectors.toSet());
            assertAll(service,
                    () -> assertEquals("rallypoint", image.getProperty("quarkus.container-image.group")),
                    () -> assertEquals(String.valueOf(podSecurity.get("runAsUser")), image.getProperty("quarkus.jib.user")),
                    () -> assertEquals(imagePorts, chartPorts));
        }
    }

    @Test
    void aCacheQuestGameGetsAnOriginOfItsOwnThatLeadsToTheCompatibilityRoutes() {
        Manifests manifests = new ChartRender().set("compat.cacheQuest.enabled", "true")
                .set("compat.cacheQuest.game.image", "studio/cache-quest-public:1.4")
                .set("compat.cacheQuest.game.host", "quest.example.com").call();

        for (String service : List.of("save-service", "leaderboard-service")) {
            assertEquals("true", environment(manifests, service).get("RALLYPOINT_COMPAT_CACHE_QUEST_ENABLED"), service);
        }
        String nginx = (String) Yaml.at(manifests.get("ConfigMap", RELEASE + "-cache-quest-game"), "data", "nginx.conf");
        for (String route : List.of("http://rallypoint-save-service:8082/compat/cache-quest/session;",
                "http://rallypoint-save-service:8082/compat/cache-quest/api/playerstate;",
                "http://rallypoint-save-service:8082/compat/cache-quest/api/gamestate;",
                "http://rallypoint-leaderboard-service:8083/compat/cache-quest/api/leaderboard;")) {
            assertTrue(nginx.contains("proxy_pass " + route), route + " in\n" + nginx);
        }
        Map<String, Object> game = Manifests.containers(manifests.get("Deployment", RELEASE + "-cache-quest-game")).get(0);
        assertEquals("studio/cache-quest-public:1.4", game.get("image"));
        assertTrue(hasVolumeMount(game, "/tmp"), "nginx writes only to /tmp");
        assertEquals("quest.example.com", Yaml.list(manifests.get("Ingress", RELEASE + "-cache-quest-game"), "spec", "rules").get(0).get("host"));

        Manifests plain = render(Values.DEFAULT);
        assertEquals("false", environment(plain, "save-service").get("RALLYPOINT_COMPAT_CACHE_QUEST_ENABLED"));
        assertFalse(plain.has("Deployment", RELEASE + "-cache-quest-game"));
        TemplateCommand withoutRoutes = new Helm(CHART).template().withName(RELEASE).set("compat.cacheQuest.game.image", "studio/game:1");
        Exception refused = assertThrows(Exception.class, withoutRoutes::call);
        assertTrue(refused.getMessage().contains("needs compat.cacheQuest.enabled=true"), refused.getMessage());
    }

    @Test
    void theJvmVariantIsTheSameImageNameWithAJvmTag() {
        Manifests manifests = new ChartRender().set("image.variant", "jvm").set("image.prefix", "registry.example.com/games").call();

        for (String service : SERVICES) {
            assertEquals("registry.example.com/games/" + service + ":" + VERSION + "-jvm", container(manifests, service).get("image"));
        }
    }

    @Test
    void anUnknownImageVariantIsRefused() {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).set("image.variant", "wasm");

        Exception refused = assertThrows(Exception.class, template::call);

        assertTrue(refused.getMessage().contains("image.variant must be native or jvm"), refused.getMessage());
    }

    private static Manifests render(Values values) {
        ChartRender render = new ChartRender();
        return values.file() == null ? render.call() : render.withValuesFile(values.file()).call();
    }

    /** helm template of the chart as release "rallypoint". */
    private static final class ChartRender {
        private final TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace("games");

        ChartRender set(String key, String value) {
            command.set(key, value);
            return this;
        }

        ChartRender withValuesFile(Path file) {
            command.withValuesFile(file);
            return this;
        }

        Manifests call() {
            return Manifests.parse(command.call());
        }
    }

    private static Map<String, Object> container(Manifests manifests, String service) {
        return Manifests.containers(manifests.get("Deployment", RELEASE + "-" + service)).get(0);
    }

    /** A service's environment: each name with its value, or "(secret)" when it comes from one. */
    private static Map<String, String> environment(Manifests manifests, String service) {
        Map<String, String> environment = new TreeMap<>();
        for (Map<String, Object> entry : Yaml.list(container(manifests, service), "env")) {
            Object value = entry.get("value");
            environment.put((String) entry.get("name"), value == null ? "(secret)" : value.toString());
        }
        return environment;
    }

    private static Map<String, Object> environmentEntry(Manifests manifests, String service, String name) {
        return Yaml.list(container(manifests, service), "env").stream()
                .filter(entry -> name.equals(entry.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no " + name));
    }

    private static String redisUrl(Manifests manifests) {
        return decode((String) Yaml.at(manifests.get("Secret", RELEASE + "-redis"), "data", "redis-url"));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static boolean hasVolumeMount(Map<String, Object> container, String path) {
        return Yaml.list(container, "volumeMounts").stream().anyMatch(mount -> path.equals(mount.get("mountPath")));
    }

    private static Path copyChart(Path directory) throws IOException {
        // helm lint wants the directory named like the chart.
        Path target = directory.resolve("rallypoint");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
        return target;
    }
}
