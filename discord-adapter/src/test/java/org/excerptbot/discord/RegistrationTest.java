package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.RecordedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the bot tells Discord at start: who it is, which intents (none privileged), and its slash commands. */
class RegistrationTest {
    /** The registered commands that change or show a channel's subscriptions (/settings is not registered here). */
    private static final List<String> SUBSCRIPTION = List.of("subscribe", "unsubscribe", "status");

    private static DiscordBot bot;
    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws InterruptedException {
        List<CommandSpec> specs = new ArrayList<>();
        // every command but /settings: a command the core does not have is not registered
        for (String name : new SlashCommands(DiscordBot.MESSAGES, DiscordBot.CORPUS).names()) {
            if (!name.equals("settings")) specs.add(CommandSpec.everyone(name, List.of(), c -> Reply.notice(name)));
        }
        specs.add(CommandSpec.everyone("start", List.of(), c -> Reply.notice("start")));
        bot = new DiscordBot(CommandRegistry.of(specs), DiscordBot.NO_SEARCH);
        discord = bot.discord;
    }

    @AfterAll
    static void stop() {
        if (bot != null) bot.close();
    }

    @Test
    void identifiesWithGuildsAndGuildMessagesOnlyOnAnUncompressedJsonGateway() {
        JsonNode identify = discord.gatewayPayloads().stream()
                .filter(p -> p.path("op").asInt() == 2)
                .findFirst()
                .orElseThrow();
        // JDA always asks for GUILDS (1); GUILD_MESSAGES (512) brings mentions; neither is privileged
        assertThat(identify.path("d").path("intents").asInt()).isEqualTo(1 | 1 << 9);
        assertThat(identify.path("d").path("token").asText()).isEqualTo(FakeDiscord.TOKEN);
        assertThat(identify.path("d").path("compress").asBoolean(false)).isFalse();
        assertThat(discord.calls("GET", "users/@me")).hasSize(1);
        RecordedCall put = discord.calls("PUT", "applications/*/commands").get(0);
        assertThat(put.path()).isEqualTo("applications/" + FakeDiscord.APPLICATION_ID + "/commands");
        assertThat(put.headers().get("Authorization")).isEqualTo("Bot " + FakeDiscord.TOKEN);
    }

    @Test
    void registersTheCoreCommandsItKnowsInMenuOrderWithChineseNames() {
        List<String> names = new ArrayList<>();
        List<String> chinese = new ArrayList<>();
        discord.commands().forEach(c -> {
            names.add(c.path("name").asText());
            chinese.add(c.path("name_localizations").path("zh-CN").asText());
        });
        assertThat(names)
                .containsExactly(
                        "today",
                        "random",
                        "principle",
                        "proposal",
                        "read",
                        "search",
                        "card",
                        "related",
                        "save",
                        "saved",
                        "unsave",
                        "progress",
                        "script",
                        "docs",
                        "about",
                        "subscribe",
                        "unsubscribe",
                        "status",
                        SlashCommands.SEARCH_THIS,
                        SlashCommands.SAVE_PASSAGE);
        assertThat(chinese)
                .containsExactly(
                        "今日摘录", "随机摘录", "原则", "主张", "阅读", "搜索", "卡片", "相关段落", "收藏", "我的收藏", "取消收藏", "通读进度", "字体", "文献",
                        "关于", "订阅", "退订", "发布状态", "搜索这段话", "收藏这段");
        JsonNode today = discord.command("today").orElseThrow();
        assertThat(today.path("description").asText()).isEqualTo("Today's excerpt");
        assertThat(today.path("description_localizations").path("zh-CN").asText())
                .isEqualTo("今天的摘录");
    }

    @Test
    void principlesAndProposalsAreChoicesNamedByTheText() {
        JsonNode number =
                discord.command("principle").orElseThrow().path("options").get(0);
        assertThat(number.path("type").asInt()).isEqualTo(4);
        assertThat(number.path("required").asBoolean()).isFalse();
        List<String> choices = new ArrayList<>();
        number.path("choices")
                .forEach(c -> choices.add(
                        c.path("value").asInt() + "=" + c.path("name").asText()));
        assertThat(choices).containsExactly("1=1 尊重网络主权", "2=2 维护和平安全", "3=3 促进开放合作", "4=4 构建良好秩序");
        JsonNode proposals =
                discord.command("proposal").orElseThrow().path("options").get(0).path("choices");
        assertThat(proposals).hasSize(5);
        assertThat(proposals.get(0).path("name").asText()).startsWith("1 加快全球网络基础设施建设");
    }

    @Test
    void readOffersTheFourDocumentsAndAParagraphRange() {
        JsonNode options = discord.command("read").orElseThrow().path("options");
        JsonNode document = options.get(0);
        assertThat(document.path("name").asText()).isEqualTo("document");
        assertThat(document.path("required").asBoolean()).isTrue();
        assertThat(document.path("choices")).hasSize(4);
        assertThat(document.path("choices")
                        .get(0)
                        .path("name_localizations")
                        .path("zh-CN")
                        .asText())
                .isEqualTo("1 《" + DiscordBot.CORPUS.documents().get(0).info().title() + "》");
        JsonNode paragraph = options.get(1);
        assertThat(paragraph.path("min_value").asInt()).isEqualTo(1);
        int longest = DiscordBot.CORPUS.documents().stream()
                .mapToInt(d -> d.body().size())
                .max()
                .orElseThrow();
        assertThat(paragraph.path("max_value").asInt()).isEqualTo(longest);
    }

    @Test
    void searchAndTimeZonesAreAutocompleted() {
        assertThat(discord.command("search")
                        .orElseThrow()
                        .path("options")
                        .get(0)
                        .path("autocomplete")
                        .asBoolean())
                .isTrue();
        JsonNode subscribe = discord.command("subscribe").orElseThrow();
        List<String> options = new ArrayList<>();
        subscribe.path("options").forEach(o -> options.add(o.path("name").asText()));
        assertThat(options).containsExactly("channel", "time", "timezone", "mode", "format", "days");
        assertThat(subscribe.path("options").get(2).path("autocomplete").asBoolean())
                .isTrue();
        assertThat(subscribe
                        .path("options")
                        .get(3)
                        .path("choices")
                        .get(1)
                        .path("value")
                        .asText())
                .isEqualTo("sequential");
    }

    @Test
    void subscribeOffersTextOrCardAndAutocompletesDaysAndUnsubscribeItsSchedules() {
        JsonNode subscribe = discord.command("subscribe").orElseThrow().path("options");
        JsonNode format = subscribe.get(4);
        assertThat(format.path("type").asInt()).isEqualTo(3);
        assertThat(format.path("required").asBoolean()).isFalse();
        assertThat(format.path("name_localizations").path("zh-CN").asText()).isEqualTo("格式");
        List<String> formats = new ArrayList<>();
        format.path("choices")
                .forEach(c -> formats.add(c.path("value").asText() + "="
                        + c.path("name_localizations").path("zh-CN").asText()));
        assertThat(formats).containsExactly("text=文字", "card=图片卡片");
        JsonNode days = subscribe.get(5);
        assertThat(days.path("name").asText()).isEqualTo("days");
        assertThat(days.path("autocomplete").asBoolean()).isTrue();
        assertThat(days.path("choices").isEmpty()).isTrue();

        JsonNode unsubscribe = discord.command("unsubscribe").orElseThrow().path("options");
        List<String> names = new ArrayList<>();
        unsubscribe.forEach(o -> names.add(o.path("name").asText()));
        assertThat(names).containsExactly("channel", "time");
        assertThat(unsubscribe.get(1).path("required").asBoolean()).isFalse();
        assertThat(unsubscribe.get(1).path("autocomplete").asBoolean()).isTrue();

        JsonNode status = discord.command("status").orElseThrow();
        assertThat(status.path("description").asText()).startsWith("Whether a channel's daily posts arrived");
        assertThat(status.path("options").get(0).path("name").asText()).isEqualTo("channel");
    }

    @Test
    void theReadingCommandsTakeTheArgumentsOfTheCore() {
        assertThat(options(discord.command("related").orElseThrow())).containsExactly("reference:3:required=引用");
        assertThat(options(discord.command("save").orElseThrow())).containsExactly("passage:3:required=段落");
        assertThat(discord.command("saved").orElseThrow().path("options")).isEmpty();
        assertThat(options(discord.command("unsave").orElseThrow())).containsExactly("passage:3:required=段落");
        // like /settings and /status: a channel, then what the core takes (an excerpt to read on, a script)
        JsonNode progress = discord.command("progress").orElseThrow();
        assertThat(options(progress)).containsExactly("channel:7:optional=频道", "excerpt:4:optional=摘录");
        assertThat(progress.path("options").get(1).path("min_value").asInt()).isEqualTo(1);
        JsonNode script = discord.command("script").orElseThrow();
        assertThat(options(script)).containsExactly("channel:7:optional=频道", "script:3:optional=字体");
        List<String> scripts = new ArrayList<>();
        script.path("options")
                .get(1)
                .path("choices")
                .forEach(c -> scripts.add(c.path("value").asText() + "="
                        + c.path("name").asText() + "/"
                        + c.path("name_localizations").path("zh-CN").asText()));
        assertThat(scripts)
                .containsExactly("simplified=simplified characters/简体字", "traditional=traditional characters/繁体字");
        assertThat(discord.command("related").orElseThrow().path("description").asText())
                .startsWith("A principle or proposal");
        assertThat(discord.command("script")
                        .orElseThrow()
                        .path("description_localizations")
                        .path("zh-CN")
                        .asText())
                .startsWith("查看或更改频道用简体字还是繁体字");
    }

    /** Each option as name:type:required=its Chinese name. */
    private static List<String> options(JsonNode command) {
        List<String> out = new ArrayList<>();
        command.path("options")
                .forEach(o ->
                        out.add(o.path("name").asText() + ":" + o.path("type").asInt() + ":"
                                + (o.path("required").asBoolean() ? "required" : "optional") + "="
                                + o.path("name_localizations").path("zh-CN").asText()));
        return out;
    }

    @Test
    void subscriptionCommandsNeedManageServerAndAServerThatInstalledTheBot() {
        for (String name : SUBSCRIPTION) {
            JsonNode subscription = discord.command(name).orElseThrow();
            assertThat(subscription.path("default_member_permissions").asText()).isEqualTo(Long.toString(1L << 5));
            assertThat(numbers(subscription, "contexts")).as(name).containsExactly(0);
            assertThat(numbers(subscription, "integration_types")).as(name).containsExactly(0);
        }
    }

    @Test
    void everyOtherCommandIsInstallableByUsersAndWorksInServersAndDms() {
        List<String> checked = new ArrayList<>();
        for (JsonNode command : discord.commands()) {
            String name = command.path("name").asText();
            if (SUBSCRIPTION.contains(name)) continue;
            assertThat(command.path("default_member_permissions").isNull())
                    .as(name)
                    .isTrue();
            // guild install and user install; servers, the bot's DM, DMs and group DMs between users
            assertThat(numbers(command, "integration_types")).as(name).containsExactly(0, 1);
            assertThat(numbers(command, "contexts")).as(name).containsExactly(0, 1, 2);
            checked.add(name);
        }
        // all but the three subscription commands: the reading commands, /progress and /script included
        assertThat(checked).hasSize(discord.commands().size() - SUBSCRIPTION.size());
        assertThat(checked).contains("today", "save", "progress", "script", SlashCommands.SEARCH_THIS);
    }

    private static List<Integer> numbers(JsonNode command, String field) {
        List<Integer> out = new ArrayList<>();
        command.path(field).forEach(c -> out.add(c.asInt()));
        return out;
    }
}
