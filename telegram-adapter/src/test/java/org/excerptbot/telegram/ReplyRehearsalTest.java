package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Reply;
import org.junit.jupiter.api.Test;

class ReplyRehearsalTest {
    private final Messages messages = Messages.load();
    private final FloodControl flood = new FloodControl(20, Clock.systemUTC());
    private final CommandDispatcher dispatcher =
            new CommandDispatcher(RealBot.registry(), messages, flood, CommandDispatcher.OwnerCheck.NOBODY);
    private final HtmlRenderer renderer = new HtmlRenderer();
    private final InlineQueries inline = new InlineQueries(RealBot.inline(), renderer);

    /** Records what the rehearsal writes, as the client's mapper would send it. */
    private static final class Recording extends ObjectMapper {
        final List<String> written = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String writeValueAsString(Object value) throws JsonProcessingException {
            String json = super.writeValueAsString(value);
            written.add(json);
            return json;
        }
    }

    private ReplyRehearsal rehearsal(ObjectMapper requests) {
        return new ReplyRehearsal(requests, new OkHttpClient(), dispatcher, messages, renderer, inline, Runnable::run);
    }

    @Test
    void everySampleUpdateBecomesTheRequestTheBotWouldSend() {
        Recording requests = new Recording();

        ReplyRehearsal.Result result = rehearsal(requests).run(1, Duration.ofMinutes(1));

        assertThat(result.failure()).isEmpty();
        assertThat(result.rounds()).isEqualTo(1);
        assertThat(result.requests())
                .as("each request went to the loopback stand-in")
                .isEqualTo(11);
        // each command's answer, not an error: /today, /principle 2, /proposal 5 in a group, /read 1 11 in a
        // channel, /search, /help, the hint for plain text, the edit for a button press and its answer, two inline
        // answers. A sample that stops being understood (a renamed command, a model change) fails here.
        assertThat(requests.written).hasSize(11);
        assertThat(requests.written.get(0))
                .contains("\"method\":\"sendmessage\"")
                .contains("\"chat_id\":\"-11\"");
        assertThat(requests.written.get(1)).contains("Principle 2: 维护和平安全");
        assertThat(requests.written.get(2)).contains("\"chat_id\":\"-1000000000013\"");
        assertThat(requests.written.get(4)).contains("互联互通");
        assertThat(requests.written.get(7)).contains("\"method\":\"editmessagetext\"");
        assertThat(requests.written.get(8)).contains("\"method\":\"answercallbackquery\"");
        assertThat(requests.written.get(9))
                .contains("\"method\":\"answerInlineQuery\"")
                .contains("互联互通");
        String errors = messages.texts(Messages.ENGLISH).get("error.internal");
        assertThat(requests.written).noneMatch(json -> json.contains(errors));
    }

    @Test
    void theRehearsalIsNotChargedToTheSampleUsersFloodControl() {
        rehearsal(new ObjectMapper()).run(30, Duration.ofMinutes(1));

        Request today = new Request(
                new ChatRef(Platform.TELEGRAM, "-11", ChatType.PRIVATE),
                new UserRef("-11", "A"),
                Messages.CHINESE,
                new Input.Command("today", ""),
                AdminCheck.ALWAYS);
        Optional<Reply> reply = dispatcher.dispatch(today);
        assertThat(reply).get().extracting(Reply::kind).isEqualTo(Reply.Kind.CONTENT);
    }

    @Test
    void aFailureEndsTheRehearsalWithoutThrowing() {
        ObjectMapper broken = new ObjectMapper() {
            @Override
            public String writeValueAsString(Object value) throws JsonProcessingException {
                throw JsonMappingException.from((com.fasterxml.jackson.core.JsonParser) null, "no serializer");
            }
        };

        ReplyRehearsal.Result result = rehearsal(broken).run(5, Duration.ofMinutes(1));

        assertThat(result.rounds()).isZero();
        assertThat(result.failure()).get().asString().contains("no request reached the loopback");
    }

    @Test
    void theBudgetEndsARehearsalEarly() {
        ReplyRehearsal.Result result = rehearsal(new ObjectMapper()).run(1_000_000, Duration.ZERO);

        assertThat(result.rounds()).isZero();
        assertThat(result.failure()).isEmpty();
    }
}
