package org.excerptbot.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.excerptbot.core.command.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which chat messages name passages, and which are ordinary chat that merely contains numbers. */
class ReferencesTest {

    /** A message, and the references it names, canonically and in order. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.11|1.11",
                "1 11|1.11",
                "１．１１|1.11",
                "１　１１|1.11",
                "  2.3  |2.3",
                "1.11？|1.11",
                "看看 1.11|1.11",
                "请给我看看1.11吧|1.11",
                "show me 2.3|2.3",
                "1.11、1.12 和 2.3|1.11;1.12;2.3",
                "1.11, 2.3|1.11;2.3",
                "第二项原则|principle 2",
                "第2项原则|principle 2",
                "第二条原则是什么？|principle 2",
                "原则二|principle 2",
                "原则2|principle 2",
                "原则二是什么意思|principle 2",
                "四项原则第2条|principle 2",
                "四项原则中的第二项|principle 2",
                "主张五|proposal 5",
                "第五点主张|proposal 5",
                "五点主张第3点|proposal 3",
                "一论第3段|2.3",
                "二论第一段|3.1",
                "三论的第6段|4.6",
                "讲话第11段|1.11",
                "讲话第十一段|1.11",
                "第2篇第3段|2.3",
                "我想读一下1.11段|1.11",
                "§1.11|1.11",
                "see paragraph 1.11 please|1.11",
                "principle 2|principle 2",
                "Principle #2.|principle 2",
                "proposal 5|proposal 5",
                "what does proposal 3 say?|proposal 3",
                "原则二和原则三|principle 2;principle 3",
                "原则二、主张五和 1.11|principle 2;proposal 5;1.11",
                "1.11 原则二 2.3|1.11;principle 2;2.3",
                "讲话第11段和第五点主张有什么关系？|1.11;proposal 5",
                "第五项原则|principle 5",
                "9.1|9.1",
                "原则二 原则二|principle 2",
                "principle 2 proposal 5 1.11|principle 2;proposal 5;1.11",
            })
    void namesThesePassages(String message, String expected) {
        assertThat(References.find(message)).extracting(Reference::canonical).containsExactly(expected.split(";"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "我有2个问题",
                "in 2015",
                "2015年12月16日",
                "第2个问题",
                "2",
                "2015",
                "3 people",
                "1 2 3",
                "中国有1.5亿网民",
                "中国有 6.7 亿网民",
                "version 1.2 is out",
                "Python 3.11 released",
                "see you at 1.30",
                "10.30",
                "原则上同意",
                "这是四项原则之一",
                "原则一致",
                "我主张三点开会",
                "主张二选一",
                "原则问题",
                "第11段",
                "in principle one could say so",
                "principles matter",
                "第一，加快全球网络基础设施建设",
                "hello",
                "",
                "   ",
            })
    void ordinaryChatNamesNothing(String message) {
        assertThat(References.find(message)).isEmpty();
        assertThat(References.passageRequest(message)).isEmpty();
    }

    @Test
    void thePassageRequestCarriesTheReferencesCanonicallySoThatTheyReadBack() {
        Input.Command request = References.passageRequest("原则二、主张五和讲话第11段").orElseThrow();
        assertThat(request.name()).isEqualTo(References.COMMAND);
        assertThat(request.arguments()).isEqualTo("principle 2 proposal 5 1.11");
        assertThat(References.find(request.arguments()))
                .containsExactly(new Reference.Principle(2), new Reference.Proposal(5), new Reference.Paragraph(1, 11));
    }

    @Test
    void atMostTenReferencesAreRead() {
        String many = String.join(
                " ", List.of("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11"));
        assertThat(References.find(many)).hasSize(References.MAX_FOUND);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"一,1", "九,9", "十,10", "十一,11", "二十,20", "二十四,24", "两,2", "07,7"})
    void chineseNumeralsAndDigits(String numeral, int value) {
        assertThat(References.number(numeral)).hasValue(value);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "二二", "十十", "一十十"})
    void nonsenseNumeralsAreNoNumbers(String numeral) {
        assertThat(References.number(numeral)).isEmpty();
    }
}
