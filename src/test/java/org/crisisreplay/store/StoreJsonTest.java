package org.crisisreplay.store;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreJsonTest {

    private static final ObjectMapper GENERAL = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void readsEveryDayOfFourYearsAsTheGeneralReaderDoes() throws Exception {
        for (LocalDate d = LocalDate.of(2019, 1, 1); d.isBefore(LocalDate.of(2023, 1, 1)); d = d.plusDays(1)) {
            String json = "\"" + d + "\"";
            assertThat(StoreJson.MAPPER.readValue(json, LocalDate.class)).isEqualTo(d)
                    .isEqualTo(GENERAL.readValue(json, LocalDate.class));
        }
        assertThat(StoreJson.MAPPER.readValue("\"0001-01-01\"", LocalDate.class)).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(StoreJson.MAPPER.readValue("\"9999-12-31\"", LocalDate.class)).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    @Test
    void leavesAnythingElseToTheGeneralReader() throws Exception {
        assertThat(StoreJson.IsoDates.iso("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(StoreJson.IsoDates.iso("2023-02-29")).isNull();
        assertThat(StoreJson.IsoDates.iso("2023-13-01")).isNull();
        assertThat(StoreJson.IsoDates.iso("2023-00-01")).isNull();
        assertThat(StoreJson.IsoDates.iso("2023-01-00")).isNull();
        assertThat(StoreJson.IsoDates.iso("2023-1-015")).isNull();
        assertThat(StoreJson.IsoDates.iso("2023/01/15")).isNull();
        assertThat(StoreJson.IsoDates.iso("+2023-01-1")).isNull();
        // the general reader's own forms and errors
        assertThat(StoreJson.MAPPER.readValue("[2022,1,5]", LocalDate.class)).isEqualTo(LocalDate.of(2022, 1, 5));
        assertThatThrownBy(() -> StoreJson.MAPPER.readValue("\"2023-02-29\"", LocalDate.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("2023-02-29");
        assertThat(StoreJson.MAPPER.writeValueAsString(LocalDate.of(2022, 1, 5))).isEqualTo("\"2022-01-05\"");
    }
}
