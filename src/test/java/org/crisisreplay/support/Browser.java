package org.crisisreplay.support;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Headless Chromium for the tests that look at a page as a person would: Debian's {@code chromium}
 * and {@code chromium-driver} (paths overridable with {@code -Dchromium.binary} and
 * {@code -Dchromedriver.binary}), so nothing is downloaded. Each browser gets a fresh profile under
 * {@code target/}, a 1280x800 window, and keeps the browser's console log for {@link #consoleErrors}.
 */
public final class Browser {

    /** Debian's Chromium is often newer than the DevTools versions Selenium ships; nothing here uses DevTools. */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");
    private static final Logger CHROMIUM_LOG = Logger.getLogger("org.openqa.selenium.chromium");

    private Browser() {
    }

    public static WebDriver open() {
        String binary = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String driver = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
        if (!new File(binary).canExecute() || !new File(driver).canExecute()) {
            throw new IllegalStateException("headless Chromium needs " + binary + " and " + driver
                    + " (Debian packages chromium and chromium-driver)");
        }
        Path profile;
        try {
            Path root = Files.createDirectories(Path.of("target", "chromium-profiles"));
            profile = Files.createTempDirectory(root.toAbsolutePath(), "profile-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a browser profile under target/", e);
        }
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        CHROMIUM_LOG.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    /** The browser console's errors (SEVERE entries) since the last call: each as the browser wrote it. */
    public static List<String> consoleErrors(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }
}
