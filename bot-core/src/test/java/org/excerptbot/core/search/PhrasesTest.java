package org.excerptbot.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhrasesTest {

    @Test
    void clauses_run_between_punctuation_and_keep_numbers_whole() {
        assertThat(Phrases.clauses("互联网经济GDP占比去年即达7%，全球互联网公司10强；2.8万亿元。“互联网+”行动"))
                .containsExactly("互联网经济GDP占比去年即达7%", "全球互联网公司10强", "2.8万亿元", "互联网", "行动");
        assertThat(Phrases.clauses("，。")).isEmpty();
    }
}
