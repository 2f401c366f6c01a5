package org.crisisreplay.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AnswersTest {

    @Test
    void makesAnAnswerOnceAndKeepsTheLatestOnes() {
        Answers answers = new Answers();
        AtomicInteger made = new AtomicInteger();
        ObjectNode first = answers.get("a", () -> {
            made.incrementAndGet();
            return JsonNodeFactory.instance.objectNode().put("n", 1);
        });
        ObjectNode again = answers.get("a", () -> {
            made.incrementAndGet();
            return JsonNodeFactory.instance.objectNode().put("n", 2);
        });
        assertThat(again).isSameAs(first);
        assertThat(made).hasValue(1);

        for (int i = 0; i < Answers.SIZE; i++) {
            answers.get("k" + i, () -> JsonNodeFactory.instance.objectNode());
        }
        ObjectNode remade = answers.get("a", () -> JsonNodeFactory.instance.objectNode().put("n", 3));
        assertThat(remade.get("n").asInt()).as("the eldest answer was let go").isEqualTo(3);
    }
}
