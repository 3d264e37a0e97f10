package dev.rallypoint.system;

import dev.rallypoint.common.testing.TestRedis;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web client played the way people play it: in headless Chromium, three players in separate
 * browsers against the packaged save-, leaderboard- and matchmaker-service. Screenshots of each
 * step land in {@code target/screenshots}. Skipped where no Chromium is installed (CI installs it).
 */
class WebClientBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = ServiceProcess.ROOT.resolve("system-tests/target/screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestRedis redis;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static ServiceProcess saves;
    private static ServiceProcess boards;
    private static ServiceProcess matchmaker;
    private static final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void startSuite() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        Files.createDirectories(SCREENSHOTS);
        redis = TestRedis.start(false);
        // The Cache Quest routes too, for the page written for that backend.
        Map<String, String> shared = Map.of("quarkus.redis.hosts", redis.url(), "rallypoint.compat.cache-quest.enabled", "true");
        saves = ServiceProcess.start("save-service", shared);
        services.add(saves);
        boards = ServiceProcess.start("leaderboard-service", shared);
        services.add(boards);
        matchmaker = ServiceProcess.start("matchmaker-service", Map.of(
                "quarkus.redis.hosts", redis.url(),
                "rallypoint.web.save-url", "//{host}:" + saves.port(),
                "rallypoint.web.leaderboard-url", "//{host}:" + boards.port()));
        services.add(matchmaker);
    }

    @AfterAll
    static void stopSuite() {
        browsers.forEach(WebDriver::quit);
        services.forEach(ServiceProcess::close);
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void twoPlayersPairChatAndPlayAndAThirdJoinsByInviteLink() {
        WebDriver ann = browser();
        WebDriver bob = browser();

        logIn(ann, matchmaker.uri().toString(), "Ann");
        logIn(bob, matchmaker.uri().toString(), "Bob");
        screenshot(ann, "01-ann-lobby");

        click(ann, "play-random");
        click(bob, "play-random");
        waitForText(ann, "players", "Bob");
        waitForText(bob, "players", "Ann");
        // A full duel starts at once: the race counts down while the players chat.
        waitVisible(ann, "arena");
        waitVisible(bob, "arena");
        screenshot(ann, "02-ann-paired");
        screenshot(bob, "02-bob-paired");

        say(ann, "good luck, Bob");
        say(bob, "you too, Ann");
        waitForText(bob, "chat-log", "Ann: good luck, Bob");
        waitForText(ann, "chat-log", "Bob: you too, Ann");
        screenshot(bob, "03-bob-chat");

        // Both race on one course, and each page shows the other's hits as the room orders them.
        // Every other target is hit from the keyboard: a shown target takes the focus.
        for (int hit = 0; hit < 2; hit++) {
            hitTarget(ann, hit);
        }
        hitTarget(bob, 0);
        waitForText(bob, "progress", "Ann 2/5");
        waitForText(ann, "progress", "Bob 1/5");
        screenshot(bob, "04-bob-sees-ann-ahead");
        for (int hit = 2; hit < 5; hit++) {
            hitTarget(ann, hit);
        }
        waitForText(ann, "result", "You won in");
        waitForText(bob, "result", "Ann won.");
        waitForText(bob, "progress", "Ann 5/5");
        screenshot(ann, "05-ann-won");
        screenshot(bob, "05-bob-lost");

        // The wins board counts the finished match a moment later; the page refreshes it.
        waitForBoard(ann, "board-wins", "Ann · 1");
        waitForBoard(ann, "board-time", "Ann · ");
        waitForBoard(ann, "stats", "1 played, 1 won");
        waitForBoard(bob, "stats", "1 played, 0 won");
        // The match is rated too: the winner above a new player's 1500, the loser below.
        waitForBoard(ann, "rating", "(1 rated game)");
        waitForBoard(bob, "rating", "(1 rated game)");
        assertTrue(shownRating(ann) > 1500, ann.findElement(By.id("rating")).getText());
        assertTrue(shownRating(bob) < 1500, bob.findElement(By.id("rating")).getText());
        screenshot(ann, "06-ann-boards");
        JsonObject annSave = read(ann, saves, "api/playerstate");
        assertEquals(1, annSave.getInteger("gamesPlayed"));
        assertEquals(1, annSave.getInteger("gamesWon"));
        assertTrue(annSave.getInteger("bestTimeMs") > 0, annSave.encode());
        // The services agree with the page: Ann's time is her save's best, and her one win counts.
        JsonObject time = read(ann, boards, "api/leaderboard/reaction-duel").getJsonArray("entries").getJsonObject(0);
        assertEquals("Ann", time.getString("name"));
        assertEquals(annSave.getInteger("bestTimeMs"), time.getInteger("score"));
        JsonObject wins = read(ann, boards, "api/leaderboard/wins").getJsonArray("entries").getJsonObject(0);
        assertEquals("Ann", wins.getString("name"));
        assertEquals(1, wins.getInteger("score"));

        // A reload keeps the session: Bob is still Bob, with his game counted.
        bob.navigate().refresh();
        waitForText(bob, "who", "Playing as Bob");
        waitVisible(bob, "lobby");
        assertFalse(bob.findElement(By.id("login")).isDisplayed());
        waitForBoard(bob, "stats", "1 played, 0 won");
        screenshot(bob, "07-bob-reloaded");

        // A private squad room: four seats, three ready players start it, so two stay recruiting.
        click(ann, "again");
        ann.findElement(By.cssSelector("input[name=mode][value=squad]")).sendKeys(Keys.SPACE);
        click(ann, "create-private");
        waitVisible(ann, "invite");
        String invite = ann.findElement(By.id("invite-link")).getDomProperty("value");
        assertTrue(invite.contains("?invite="), invite);
        waitForText(ann, "room-mode", "squad");
        screenshot(ann, "08-ann-private-room");

        WebDriver cy = browser();
        logIn(cy, invite, "Cy");
        waitForText(cy, "players", "Ann");
        waitForText(ann, "players", "Cy");
        screenshot(cy, "09-cy-joined-by-link");

        click(cy, "ready");
        click(ann, "ready");
        for (WebDriver browser : List.of(ann, cy)) {
            new WebDriverWait(browser, WAIT).until(driver -> driver.findElements(By.cssSelector("#players .ready")).size() == 2);
            assertEquals(2, browser.findElements(By.cssSelector("#players .online")).size());
            waitForText(browser, "room-state", "recruiting");
        }
        screenshot(ann, "10-ann-both-ready");

        // Friends: Ann finds Bob by name and asks, Bob accepts, and both see the other online.
        ann.findElement(By.id("friend-name")).sendKeys("Bob");
        ann.findElement(By.cssSelector("#friend-form button")).click();
        waitForText(ann, "friend-found", "Bob");
        ann.findElement(By.xpath("//ul[@id='friend-found']//button[text()='Add']")).click();
        waitForFriends(bob, "friend-requests", "Ann wants to be friends");
        bob.findElement(By.xpath("//ul[@id='friend-requests']//button[text()='Accept']")).click();
        waitForFriends(bob, "friend-list", "Ann");
        waitForFriends(ann, "friend-list", "Bob");
        for (WebDriver browser : List.of(ann, bob)) {
            new WebDriverWait(browser, WAIT).until(driver -> driver.findElements(By.cssSelector("#friend-list .dot.on")).size() == 1);
        }
        screenshot(ann, "11-ann-friends");

        // Ann invites Bob to her private room; he joins from the invitation, readies, and the squad starts.
        ann.findElement(By.xpath("//ul[@id='friend-list']//button[text()='Invite']")).click();
        waitVisible(bob, "invitation");
        waitForText(bob, "invitation-text", "Ann invites you to a squad room.");
        screenshot(bob, "12-bob-invited");
        click(bob, "accept-invitation");
        waitForText(bob, "players", "Ann");
        waitForText(ann, "players", "Bob");
        click(bob, "ready");
        for (WebDriver browser : List.of(ann, bob, cy)) {
            waitForText(browser, "room-state", "playing");
        }
        screenshot(bob, "13-bob-in-the-squad");

        // A party: Ann starts one and invites Bob, who joins from the invitation; Ann's match
        // seats them both, and their duel starts at once.
        click(ann, "leave");
        click(bob, "leave");
        waitVisible(ann, "lobby");
        waitVisible(bob, "lobby");
        click(ann, "party-create");
        waitForText(ann, "party-members", "Ann (leader) (you)");
        new WebDriverWait(ann, WAIT).until(driver -> !driver.findElements(
                By.xpath("//ul[@id='friend-list']//button[text()='Invite']")).isEmpty());
        ann.findElement(By.xpath("//ul[@id='friend-list']//button[text()='Invite']")).click();
        waitForText(bob, "invitation-text", "Ann invites you to their party.");
        click(bob, "accept-invitation");
        waitForText(bob, "party-members", "Ann (leader)");
        waitForText(ann, "party-members", "Bob");
        screenshot(bob, "14-bob-in-anns-party");
        ann.findElement(By.cssSelector("input[name=mode][value=duel]")).sendKeys(Keys.SPACE);
        click(ann, "play-random");
        for (WebDriver browser : List.of(ann, bob)) {
            waitForText(browser, "room-mode", "duel");
            waitForText(browser, "room-state", "playing");
            // Both race: Bob, seated by his leader, hears the start too.
            waitVisible(browser, "target");
        }
        waitForText(ann, "players", "Bob");
        waitForText(bob, "players", "Ann");
        screenshot(bob, "15-bob-paired-by-his-leader");

        for (WebDriver browser : List.of(ann, bob, cy)) {
            assertEquals(List.of(), consoleErrors(browser));
        }
    }

    @Test
    void aPageWrittenForTheCacheQuestBackendPlaysOnItsOwnOrigin() throws Exception {
        Path files = Path.of(WebClientBrowserTest.class.getResource("/cache-quest/index.html").toURI()).getParent();
        String map = "map" + System.nanoTime();
        try (GameOrigin origin = GameOrigin.start(files, saves.uri(), boards.uri())) {
            WebDriver page = browser();
            page.get(origin.uri() + "?map=" + map);
            JsonObject first = resultOf(page);
            String id = first.getString("id");
            assertEquals(List.of("playerstate PATCH 404", "playerstate POST 200", "gamestate PATCH 404", "gamestate POST 200",
                    "score POST 200"), first.getJsonArray("steps").getList());
            assertEquals(2, first.getInteger("level"));
            assertEquals(id, first.getString("playerId"), "the save's id is the session's");
            assertEquals(3, first.getInteger("wave"));
            assertEquals(new JsonObject().put("value", "Quester-" + id).put("score", 42), first.getJsonArray("top").getJsonObject(0));
            assertFalse(first.getBoolean("cookieVisible"), "the session cookie is HttpOnly");
            screenshot(page, "11-cache-quest-page");

            // A reload is the same player, whose saves now exist.
            page.navigate().refresh();
            JsonObject again = resultOf(page);
            assertEquals(id, again.getString("id"));
            assertEquals(List.of("playerstate PATCH 200", "gamestate PATCH 200", "score POST 200"), again.getJsonArray("steps").getList());
            assertEquals(List.of(), consoleErrors(page).stream()
                    .filter(message -> !(message.contains("/api/gamestate") && message.contains("404"))).toList());
        }
    }

    private static JsonObject resultOf(WebDriver page) {
        new WebDriverWait(page, WAIT).until(driver -> !driver.findElement(By.id("result")).getText().equals("working"));
        String text = page.findElement(By.id("result")).getText();
        assertTrue(text.startsWith("{"), text);
        return new JsonObject(text);
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Headless, and nothing that reaches for the network beyond loopback.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage");
        // A phone-sized viewport: headless windows are at least 500 px wide, an emulated screen is not.
        options.setExperimentalOption("mobileEmulation",
                Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0)));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    private static void logIn(WebDriver browser, String url, String name) {
        browser.get(url);
        waitVisible(browser, "login");
        browser.findElement(By.id("name")).sendKeys(name, Keys.ENTER);
        waitForText(browser, "who", "Playing as " + name);
    }

    /** Hits the next target once it shows: by click, or every other time by Enter on the focused target. */
    private static void hitTarget(WebDriver browser, int hit) {
        if (hit % 2 == 0) {
            click(browser, "target");
        } else {
            waitVisible(browser, "target");
            browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        }
    }

    private static void say(WebDriver browser, String text) {
        WebElement input = browser.findElement(By.id("chat-text"));
        input.sendKeys(text);
        browser.findElement(By.cssSelector("#chat-form button")).click();
    }

    private static void click(WebDriver browser, String id) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private static void waitVisible(WebDriver browser, String id) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private static void waitForText(WebDriver browser, String id, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    /** The rating the page shows: "Rating in duel: 1662 ± 290 (1 rated game)". */
    private static int shownRating(WebDriver browser) {
        String text = browser.findElement(By.id("rating")).getText();
        return Integer.parseInt(text.replaceAll("^Rating in [^:]+: (\\d+) .*$", "$1"));
    }

    /** Waits for the friends list to show the text, refreshing it meanwhile (presence is read, not pushed). */
    private static void waitForFriends(WebDriver browser, String id, String text) {
        waitRefreshing(browser, id, text, "refresh-friends");
    }

    private static void waitForBoard(WebDriver browser, String id, String text) {
        waitRefreshing(browser, id, text, "refresh-boards");
    }

    private static void waitRefreshing(WebDriver browser, String id, String text, String refresh) {
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofSeconds(1)).until(driver -> {
            if (driver.findElement(By.id(id)).getText().contains(text)) {
                return true;
            }
            driver.findElement(By.id(refresh)).click();
            return false;
        });
    }

    /** A JSON resource of a service, read with the token the page keeps. */
    private static JsonObject read(WebDriver browser, ServiceProcess service, String path) {
        String session = (String) ((JavascriptExecutor) browser).executeScript(
                "return localStorage.getItem('rallypoint.session');");
        String token = new JsonObject(session).getString("token");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(service.uri() + path)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return new JsonObject(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Errors the page logged. A new player's first look at its save is a 404 by design (the
     * client then POSTs), and Chromium logs every 404 it fetches; everything else counts.
     */
    private static List<String> consoleErrors(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !(message.contains("/api/playerstate") && message.contains("404")))
                .toList();
    }

    /** Takes a screenshot, after checking that the page fits the phone's width (no sideways scrolling). */
    private static void screenshot(WebDriver browser, String name) {
        Object widths = ((JavascriptExecutor) browser).executeScript(
                "return [window.innerWidth, document.documentElement.scrollWidth];");
        assertEquals(List.of(390L, 390L), widths, name + ": viewport and page width");
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
