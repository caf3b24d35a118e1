package org.excerptbot.core.script;

import com.github.houbb.opencc4j.util.ZhHkConverterUtil;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Citation;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/**
 * Converts simplified text to traditional characters with opencc4j's Hong Kong variant (OpenCC's {@code s2hk}),
 * which changes the characters and keeps the words. Its Taiwan variant ({@code ZhTwConverterUtil}, OpenCC's
 * {@code s2twp}) also swaps in Taiwan vocabulary: 网络 becomes 網路, 黑客 駭客, 互联网 網際網路, 信息 資訊, which
 * would misquote the texts and rename the conference the speech was given at; opencc4j offers no Taiwan variant
 * that converts characters only.
 */
public final class ScriptConverter {
    private ScriptConverter() {}

    /** The converter of the Hong Kong variant. */
    public static ScriptConverter hongKong() {
        return new ScriptConverter();
    }

    /** The text in traditional characters; text without Chinese comes back as it was. */
    public String toTraditional(String text) {
        Objects.requireNonNull(text, "text");
        return ZhHkConverterUtil.containsChinese(text) ? ZhHkConverterUtil.toTraditional(text) : text;
    }

    /**
     * The reply in traditional characters: its title, every span, every citation (marked as converted with
     * {@code script.converted}, itself converted) and every button label. Button data stays as it is, since the dispatcher reads it
     * back; pictures stay as they are: whoever drew a card drew it in the chat's script already.
     */
    public Reply toTraditional(Reply reply, Texts texts) {
        Objects.requireNonNull(reply, "reply");
        List<Section> sections = reply.sections().stream()
                .map(s -> new Section(
                        s.spans().stream()
                                .map(span -> new Span(toTraditional(span.text()), span.style()))
                                .toList(),
                        s.citation().map(c -> toTraditional(c, texts))))
                .toList();
        List<List<Action>> actions = reply.actions().stream()
                .map(row -> row.stream()
                        .map(a -> new Action(toTraditional(a.label()), a.data()))
                        .toList())
                .toList();
        return new Reply(
                reply.kind(),
                reply.title().map(this::toTraditional),
                sections,
                actions,
                reply.pictures(),
                reply.personal());
    }

    /** The citation in traditional characters, marked as converted with {@code script.converted}. */
    public Citation toTraditional(Citation c, Texts texts) {
        Objects.requireNonNull(c, "c");
        String converted = toTraditional(texts.get("script.converted"));
        return new Citation(
                toTraditional(c.title()), toTraditional(c.author()), c.date(), c.position(), Optional.of(converted));
    }
}
