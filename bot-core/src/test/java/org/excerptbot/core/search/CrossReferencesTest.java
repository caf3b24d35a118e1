package org.excerptbot.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.corpus.Point;
import org.junit.jupiter.api.Test;

/**
 * The links between the speech's principles and proposals and the commentaries, as a reader can check them: each
 * point's commentary paragraphs with the opening words of each.
 */
class CrossReferencesTest {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();

    /** The table of every principle and proposal, one line per linked commentary paragraph. */
    private static String table(CrossReferences links) {
        return Stream.concat(CORPUS.principles().stream(), CORPUS.proposals().stream())
                .map(p -> (p.kind() == Point.Kind.PRINCIPLE ? "原则" : "主张") + p.number() + " " + p.name() + " ("
                        + p.paragraph().ref().position() + ")\n"
                        + links.commentariesOf(p).stream()
                                .map(r -> "    " + r.position() + " "
                                        + CORPUS.paragraph(r)
                                                .orElseThrow()
                                                .text()
                                                .substring(0, 24) + "…")
                                .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void everyPrincipleAndProposalListsTheCommentaryParagraphsThatDiscussIt() {
        String table = table(CrossReferences.derive(CORPUS));
        System.out.println(table);
        assertThat(table)
                .isEqualTo(
                        """
                        原则1 尊重网络主权 (1.10)
                            2.5 然而也必须看到，互联网领域面临发展不平衡、规则不…
                            3.2 “尊重网络主权；维护和平安全；促进开放合作；构建…
                            3.4 建立新的全球互联网治理体系，多边、民主、透明是基…
                        原则2 维护和平安全 (1.11)
                            2.5 然而也必须看到，互联网领域面临发展不平衡、规则不…
                            3.2 “尊重网络主权；维护和平安全；促进开放合作；构建…
                            3.5 建立新的全球互联网治理体系，和平、安全、开放、合…
                        原则3 促进开放合作 (1.12)
                            2.5 然而也必须看到，互联网领域面临发展不平衡、规则不…
                            3.2 “尊重网络主权；维护和平安全；促进开放合作；构建…
                            3.5 建立新的全球互联网治理体系，和平、安全、开放、合…
                        原则4 构建良好秩序 (1.13)
                            2.5 然而也必须看到，互联网领域面临发展不平衡、规则不…
                            3.1 网络空间同现实社会一样，既要有自由，也要有秩序；…
                            3.2 “尊重网络主权；维护和平安全；促进开放合作；构建…
                            3.4 建立新的全球互联网治理体系，多边、民主、透明是基…
                        主张1 加快全球网络基础设施建设，促进互联互通 (1.16)
                            2.5 然而也必须看到，互联网领域面临发展不平衡、规则不…
                            4.2 “加快全球网络基础设施建设，促进互联互通；打造网…
                            4.5 “联，连也；通，达也”。构建网络空间命运共同体，…
                        主张2 打造网上文化交流共享平台，促进交流互鉴 (1.17)
                            2.5 然而也必须看到，互联网领域面临发展不平衡、规则不…
                            4.2 “加快全球网络基础设施建设，促进互联互通；打造网…
                            4.5 “联，连也；通，达也”。构建网络空间命运共同体，…
                        主张3 推动网络经济创新发展，促进共同繁荣 (1.18)
                            2.4 “我们的目标，就是要让互联网发展成果惠及13亿多…
                            2.5 然而也必须看到，互联网领域面临发展不平衡、规则不…
                            4.2 “加快全球网络基础设施建设，促进互联互通；打造网…
                            4.5 “联，连也；通，达也”。构建网络空间命运共同体，…
                        主张4 保障网络安全，促进有序发展 (1.19)
                            2.5 然而也必须看到，互联网领域面临发展不平衡、规则不…
                            4.2 “加快全球网络基础设施建设，促进互联互通；打造网…
                            4.4 我们所要构建的网络空间命运共同体，应该是一个信息…
                            4.5 “联，连也；通，达也”。构建网络空间命运共同体，…
                        主张5 构建互联网治理体系，促进公平正义 (1.20)
                            2.5 然而也必须看到，互联网领域面临发展不平衡、规则不…
                            4.2 “加快全球网络基础设施建设，促进互联互通；打造网…
                            4.4 我们所要构建的网络空间命运共同体，应该是一个信息…
                            4.5 “联，连也；通，达也”。构建网络空间命运共同体，…""");
    }

    @Test
    void derivingAgainGivesTheSameLinks() {
        assertThat(table(CrossReferences.derive(CORPUS))).isEqualTo(table(CrossReferences.derive(CORPUS)));
    }

    @Test
    void eachCommentaryParagraphLinksBackToThePointsThatListIt() {
        CrossReferences links = CrossReferences.derive(CORPUS);
        assertThat(links.pointsOf(new ParagraphRef(3, 2)))
                .extracting(Point::name)
                .containsExactly("尊重网络主权", "维护和平安全", "促进开放合作", "构建良好秩序");
        assertThat(links.pointsOf(new ParagraphRef(2, 5))).hasSize(9);
        assertThat(links.pointsOf(new ParagraphRef(3, 6)))
                .as("a closing paragraph discusses none")
                .isEmpty();
        for (Point p : Stream.concat(CORPUS.principles().stream(), CORPUS.proposals().stream())
                .toList()) {
            for (ParagraphRef r : links.commentariesOf(p))
                assertThat(links.pointsOf(r)).contains(p);
        }
        assertThat(links.pointAt(new ParagraphRef(1, 11))).map(Point::name).contains("维护和平安全");
        assertThat(links.pointAt(new ParagraphRef(1, 3))).isEmpty();
    }
}
