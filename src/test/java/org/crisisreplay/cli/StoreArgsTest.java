package org.crisisreplay.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --store} and {@code SPRING_DATASOURCE_URL} become the application's store settings. */
class StoreArgsTest {

    @Test
    void theStoreOptionNamesUrlUserAndPassword() {
        assertThat(Cli.storeArgs("postgresql://h:5432/d", Map.of("PGUSER", "ann", "PGPASSWORD", "pw"))).containsExactly(
                "--spring.datasource.url=jdbc:postgresql://h:5432/d", "--spring.datasource.username=ann",
                "--spring.datasource.password=pw");
    }

    @Test
    void aShortPostgresUrlInTheEnvironmentIsReadTheSameWay() {
        assertThat(Cli.storeArgs(null, Map.of("SPRING_DATASOURCE_URL", "postgresql://h/d", "PGUSER", "ann")))
                .startsWith("--spring.datasource.url=jdbc:postgresql://h/d", "--spring.datasource.username=ann");
        // a JDBC URL with its own user in the environment is left to the application as it is
        assertThat(Cli.storeArgs(null, Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://h/d", "SPRING_DATASOURCE_USERNAME", "x")))
                .isEmpty();
        assertThat(Cli.storeArgs(null, Map.of())).isEmpty();
    }
}
