package org.excerptbot.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubscribeArgumentsTest {

    private static SubscribeArguments valid(String... words) {
        SubscribeArguments.Parsed parsed = SubscribeArguments.parse(List.of(words));
        assertThat(parsed).isInstanceOf(SubscribeArguments.Valid.class);
        return ((SubscribeArguments.Valid) parsed).arguments();
    }

    private static SubscribeArguments.Problem invalid(String... words) {
        SubscribeArguments.Parsed parsed = SubscribeArguments.parse(List.of(words));
        assertThat(parsed).isInstanceOf(SubscribeArguments.Invalid.class);
        return ((SubscribeArguments.Invalid) parsed).problem();
    }

    @Test
    void noArgumentsLeaveEverythingToTheDefaults() {
        assertThat(valid())
                .isEqualTo(new SubscribeArguments(
                        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()));
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
        SubscribeArguments.Problem p = invalid(word);
        assertThat(p.word()).isEqualTo(word);
        assertThat(p.key()).isIn("subscribe.error.time", "subscribe.error.argument");
    }

    @Test
    void theTimesOfTheIssueGetTheTimeError() {
        for (String word : List.of("24:00", "8:60", "25:30")) {
            assertThat(invalid(word).key()).isEqualTo("subscribe.error.time");
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
        assertThat(invalid(word)).isEqualTo(new SubscribeArguments.Problem("subscribe.error.zone", word));
    }

    @Test
    void refusesUnknownWordsAndRepeats() {
        assertThat(invalid("weekly")).isEqualTo(new SubscribeArguments.Problem("subscribe.error.argument", "weekly"));
        assertThat(invalid("08:00", "09:00"))
                .isEqualTo(new SubscribeArguments.Problem("subscribe.error.twice", "09:00"));
        assertThat(invalid("daily", "sequential"))
                .isEqualTo(new SubscribeArguments.Problem("subscribe.error.twice", "sequential"));
        assertThat(invalid("UTC", "Asia/Shanghai"))
                .isEqualTo(new SubscribeArguments.Problem("subscribe.error.twice", "Asia/Shanghai"));
    }
}
