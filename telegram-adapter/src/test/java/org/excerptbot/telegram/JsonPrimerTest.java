package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPrimerTest {
    @Test
    void theSamplesAreReadAndWrittenByTelegramBotsModel() {
        // false would mean TelegramBots no longer reads the sample update or answer: the priming would do nothing
        assertThat(JsonPrimer.prime(new ObjectMapper())).isTrue();
    }
}
