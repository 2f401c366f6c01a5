package org.crisisreplay.store;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    record Part(String id, LocalDate on, List<String> names, @JsonInclude(JsonInclude.Include.NON_NULL) String topic) {
    }

    record Pair(Part first, Part second) {
    }

    /** A state that grows, as a fold's does: lists and a map of records, some replaced, most kept. */
    static final class Grown {
        public List<Part> parts = new ArrayList<>();
        public Map<String, Pair> pairs = new LinkedHashMap<>();
        public Part latest;
        public int count;
    }

    @Test
    void writesSuccessiveStatesAsTheMapperDoesByteForByte() throws Exception {
        // as UTF-8 bytes, text outside ASCII among them
        for (ObjectMapper mapper : List.of(StoreJson.MAPPER, StoreJson.BULK)) {
            StoreJson.Successive successive = new StoreJson.Successive(mapper);
            Grown state = new Grown();
            assertThat(new String(successive.write(state), StandardCharsets.UTF_8))
                    .isEqualTo(new String(mapper.writeValueAsBytes(state), StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i++) {
                Part p = new Part("p" + i, LocalDate.of(2022, 1, 1).plusDays(i), List.of("a\"" + i, "b ü Ж \uD83D\uDE00"),
                        i % 3 == 0 ? null : "topic " + i);
                state.parts.add(p);
                state.latest = p;
                // a record put in twice, and a key whose record is replaced
                state.pairs.put("k" + i % 7, new Pair(p, state.parts.get(i / 2)));
                state.count = i;
                if (i % 10 == 0) {
                    state.parts.remove(0);
                }
                assertThat(new String(successive.write(state), StandardCharsets.UTF_8))
                    .isEqualTo(new String(mapper.writeValueAsBytes(state), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aRecordWrittenAloneIsWrittenAsBefore() throws Exception {
        Part p = new Part("x", LocalDate.of(2022, 1, 6), List.of("n"), null);
        assertThat(StoreJson.MAPPER.writeValueAsString(p)).isEqualTo("{\"id\":\"x\",\"on\":\"2022-01-06\",\"names\":[\"n\"]}");
        assertThat(StoreJson.MAPPER.writeValueAsString(List.of(p, p)))
                .isEqualTo(GENERAL.writer().without(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .writeValueAsString(List.of(p, p)));
    }
}
