package org.excerptbot.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** /subscribe's arguments as the dispatcher reads them by {@link SubscribeArguments#SPECS}. */
class SubscribeArgumentsTest {
    private final List<SubscribeArguments> read = new ArrayList<>();
    private final CommandDispatcher dispatcher = new CommandDispatcher(
            CommandRegistry.of(
                    List.of(CommandSpec.everyone("subscribe", SubscribeArguments.SPECS, c -> {
                        read.add(SubscribeArguments.of(c));
                        return Reply.notice("read");
                    })),
                    Messages.load()),
            Messages.load(),
            new FloodControl(1000, Clock.systemUTC()),
            CommandDispatcher.OwnerCheck.NOBODY);

    private Reply send(String... words) {
        return dispatcher
                .dispatch(new Request(
                        new ChatRef(Platform.TELEGRAM, "1", ChatType.PRIVATE),
                        new UserRef("u", "u"),
                        Messages.ENGLISH,
                        new Input.Command("subscribe", String.join(" ", words)),
                        AdminCheck.ALWAYS))
                .orElseThrow();
    }

    private SubscribeArguments valid(String... words) {
        read.clear();
        Reply reply = send(words);
        assertThat(reply.kind()).as(reply.plainText()).isEqualTo(Reply.Kind.NOTICE);
        assertThat(read).hasSize(1);
        return read.get(0);
    }

    /** The first section of the refusal: the problem without the usage line under it. */
    private String invalid(String... words) {
        read.clear();
        Reply reply = send(words);
        assertThat(reply.kind()).isEqualTo(Reply.Kind.ERROR);
        assertThat(read).as("the command never runs with refused arguments").isEmpty();
        assertThat(reply.sections()).hasSize(2);
        assertThat(reply.sections().get(1).plainText()).startsWith("Usage: /subscribe [HH:MM] [Area/City]");
        return reply.sections().get(0).plainText();
    }

    @Test
    void noArgumentsLeaveEverythingToTheDefaults() {
        assertThat(valid()).isEqualTo(new SubscribeArguments(Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void acceptsTheArgumentsInAnyOrder() {
        SubscribeArguments a = valid("sequential", "Europe/London", "7:05");
        assertThat(a.time()).contains(LocalTime.of(7, 5));
        assertThat(a.zone()).contains(ZoneId.of("Europe/London"));
        assertThat(a.mode()).contains(Mode.SEQUENTIAL);
        assertThat(valid("America/New_York", "DAILY").mode()).contains(Mode.DAILY);
    }

    @ParameterizedTest
    @CsvSource({"00:00,0,0", "08:00,8,0", "8:00,8,0", "23:59,23,59", "21：30,21,30", "０８：１５,8,15"})
    void acceptsTwentyFourHourTimes(String word, int hour, int minute) {
        assertThat(valid(word).time()).contains(LocalTime.of(hour, minute));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "8:60", "25:30", "8", "0800", "8:5", "08.00", "123:00", "-1:00"})
    void refusesTimesThatDoNotExist(String word) {
        assertThat(invalid(word))
                .satisfiesAnyOf(
                        m -> assertThat(m).startsWith("\"" + word + "\" is not a valid time."),
                        m -> assertThat(m).startsWith("I don't understand \"" + word + "\"."));
    }

    @Test
    void theTimesOfTheIssueGetTheTimeError() {
        for (String word : List.of("24:00", "8:60", "25:30")) {
            assertThat(invalid(word))
                    .isEqualTo("\"" + word + "\" is not a valid time. Use the 24-hour clock HH:MM, hours 00-23 and"
                            + " minutes 00-59, for example 08:00 or 21:30.");
        }
    }

    @Test
    void zonesAreAreaCityNamesInAnyCaseOrUtc() {
        assertThat(valid("asia/shanghai").zone()).contains(ZoneId.of("Asia/Shanghai"));
        assertThat(valid("UTC").zone()).contains(ZoneId.of("UTC"));
        assertThat(valid("America/Argentina/Buenos_Aires").zone())
                .contains(ZoneId.of("America/Argentina/Buenos_Aires"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "Asia/Peking", "Etc/GMT+8", "Europe/"})
    void refusesUnknownZones(String word) {
        assertThat(invalid(word)).startsWith("\"" + word + "\" is not a known time zone.");
    }

    @Test
    void formatAndDaysAreRecognisedByTheirFormInAnyOrder() {
        SubscribeArguments a = valid("weekdays", "card", "07:30", "Asia/Shanghai", "sequential");
        assertThat(a.format()).contains(Format.CARD);
        assertThat(a.days()).contains(Days.WEEKDAYS);
        assertThat(a.mode()).contains(Mode.SEQUENTIAL);
        assertThat(valid("TEXT", "mon,wed,fri").days())
                .contains(Days.parse("mon,wed,fri").orElseThrow());
        assertThat(valid("sun").days()).contains(Days.parse("sunday").orElseThrow());
        assertThat(invalid("card", "text")).startsWith("\"text\" repeats an argument");
        assertThat(invalid("mon,xyz")).startsWith("\"mon,xyz\" are not days of the week.");
    }

    @Test
    void refusesUnknownWordsAndRepeats() {
        assertThat(invalid("weekly")).startsWith("I don't understand \"weekly\".");
        String repeats =
                "\" repeats an argument: give the time, the zone, the mode, the format and the days at most once each.";
        assertThat(invalid("08:00", "09:00")).isEqualTo("\"09:00" + repeats);
        assertThat(invalid("daily", "sequential")).isEqualTo("\"sequential" + repeats);
        assertThat(invalid("UTC", "Asia/Shanghai")).isEqualTo("\"Asia/Shanghai" + repeats);
    }

    @Test
    void aBadValueIsNamedBeforeARepeat() {
        assertThat(invalid("08:00", "25:30")).startsWith("\"25:30\" is not a valid time.");
    }
}
