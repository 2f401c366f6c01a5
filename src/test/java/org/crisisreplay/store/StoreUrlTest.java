package org.crisisreplay.store;

import org.crisisreplay.cli.Cli;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreUrlTest {

    @Test
    void aPostgresUrlTakesItsUserFromTheUrlElseTheEnvironment() {
        assertThat(StoreUrl.parse("postgresql://ann:s%40cret@db.local:5433/crisis", Map.of("PGUSER", "bob"), "sa", ""))
                .isEqualTo(new Store.Location("jdbc:postgresql://db.local:5433/crisis", "ann", "s@cret"));
        assertThat(StoreUrl.parse("postgresql://db.local/crisis?sslmode=require", Map.of("PGUSER", "bob", "PGPASSWORD", "pw"), "sa", ""))
                .isEqualTo(new Store.Location("jdbc:postgresql://db.local/crisis?sslmode=require", "bob", "pw"));
        assertThat(StoreUrl.parse("jdbc:postgresql://h:1/d", Map.of("PGUSER", "bob"), "sa", "").user()).isEqualTo("bob");
    }

    @Test
    void aPathIsAnH2FileStoreAndAJdbcUrlStaysAsItIs() {
        assertThat(StoreUrl.parse("/tmp/x/store", Map.of(), "sa", "").url()).startsWith("jdbc:h2:file:/tmp/x/store;WRITE_DELAY=0");
        assertThat(StoreUrl.parse("jdbc:h2:mem:x", Map.of(), "sa", "")).isEqualTo(new Store.Location("jdbc:h2:mem:x", "sa", ""));
    }

    @Test
    void theDefaultStoreIsOpenedAsAPathIs() throws java.io.IOException {
        java.util.Properties defaults = new java.util.Properties();
        try (var in = StoreUrlTest.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        assertThat(defaults.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:file:./data/crisis-replay" + StoreUrl.H2_SETTINGS)
                .isEqualTo(StoreUrl.parse("data/crisis-replay", Map.of(), "sa", "").url());
    }

    @Test
    void aBadUrlIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> StoreUrl.parse("mysql://u:secret@h/d", Map.of(), "sa", ""))
                .hasMessageContaining("postgresql://HOST:PORT/DB").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> StoreUrl.parse("postgresql://h:5432", Map.of(), "sa", "")).hasMessageContaining("HOST:PORT/DB");
    }

    /** Nothing listens: a clear error, exit 1, no stack trace. */
    @Test
    void aStoreThatRefusesTheConnectionIsAClearErrorWithoutAStackTrace() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "--store", "postgresql://nobody:pw@127.0.0.1:1/crisis", "state", "kazakhstan-2022", "--on", "2022-01-12");
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(Cli.FAILED);
        assertThat(e).startsWith("error: cannot use the store: Connection to 127.0.0.1:1 refused")
                .doesNotContain("\tat ", "Exception").hasLineCount(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMalformedStoreOptionIsInvalidInput() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                "--store", "postgresql://h:5432", "state", "kazakhstan-2022", "--on", "2022-01-12");
        assertThat(code).isEqualTo(Cli.INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("crisis-replay: --store: not a store URL");
    }
}
