package org.excerptbot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds an INTERACTION_CREATE payload the way Discord would send it, and refuses what Discord would never send:
 * a command that is not registered, an option it does not have, a value outside its choices, a missing required
 * option, a command hidden from the user by {@code default_member_permissions}, or one not offered in DMs.
 */
public final class InteractionBuilder {
    private final FakeDiscord discord;
    private final int type;
    private final String command;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private FakeDiscord.Channel channel;
    private FakeDiscord.User user;
    private long permissions = FakeDiscord.MEMBER;
    private List<FakeDiscord.Role> roles = List.of();
    private boolean dm;
    /** 0 a server, 1 the bot's DM, 2 a DM or group DM between users. */
    private int context;

    private boolean userInstall;
    private boolean allowedByServerSettings;
    private String focused;
    private FakeMessage target;

    InteractionBuilder(FakeDiscord discord, int type, String command) {
        this.discord = discord;
        this.type = type;
        this.command = command;
        this.channel = discord.general;
        this.user = discord.reader;
    }

    public InteractionBuilder by(FakeDiscord.User user) {
        this.user = user;
        return this;
    }

    public InteractionBuilder in(FakeDiscord.Channel channel) {
        this.channel = channel;
        return this;
    }

    /** In the user's DM with the bot. */
    public InteractionBuilder inDm() {
        this.dm = true;
        this.context = 1;
        this.channel = FakeDiscord.Channel.dm("14" + user.id().substring(2));
        return this;
    }

    /**
     * Through the app the user installed to their account, in a channel of a server that has not added the bot:
     * Discord sends the interaction (context 0, authorized by the user's install only), but the bot is no member of
     * that server and has none of its channels or roles cached.
     */
    public InteractionBuilder userInstalledIn(FakeDiscord.Channel channelOfAnotherServer) {
        this.userInstall = true;
        this.channel = channelOfAnotherServer;
        return this;
    }

    /** Through the user's install, in a DM between the user and someone else (context 2, not the bot's DM). */
    public InteractionBuilder userInstalledInPrivateChannel() {
        this.userInstall = true;
        this.dm = true;
        this.context = 2;
        this.channel = FakeDiscord.Channel.dm("16" + user.id().substring(2));
        return this;
    }

    /** The user's computed permissions in the channel (and in channels given as options). */
    public InteractionBuilder permissions(long permissions) {
        this.permissions = permissions;
        return this;
    }

    /**
     * The member's roles (beyond {@code @everyone}). In a server the bot has cached (GUILD_CREATE) JDA computes the
     * member's permissions from these roles; set {@link #permissions} to what Discord would compute from them.
     */
    public InteractionBuilder roles(FakeDiscord.Role... roles) {
        this.roles = List.of(roles);
        return this;
    }

    /**
     * The server changed the command's permissions in its Integrations settings so that this user may run it
     * although {@code default_member_permissions} would hide it: the reason the bot checks again on use.
     */
    public InteractionBuilder allowedByServerSettings() {
        this.allowedByServerSettings = true;
        return this;
    }

    /** An option value: Integer, String or a {@link FakeDiscord.Channel}. */
    public InteractionBuilder option(String name, Object value) {
        options.put(name, value);
        return this;
    }

    /** For a message command: the message it was invoked on. */
    InteractionBuilder target(FakeMessage message) {
        this.target = message;
        return this;
    }

    /** For autocomplete: the option being typed, and what has been typed so far. */
    public InteractionBuilder focus(String name, String typed) {
        options.put(name, typed);
        this.focused = name;
        return this;
    }

    /** Pushes the interaction through the gateway. */
    public FakeDiscord.Sent send() {
        return discord.push(payload(), null);
    }

    /**
     * Builds and checks the interaction now, to be pushed later with {@link FakeDiscord#push(FakeDiscord.Prepared)}
     * (which gives it its id, as Discord creates an interaction when the user invokes it): a benchmark prepares a
     * burst beforehand, so that pushing it costs the CPU it shares with the bot as little as Discord's would.
     */
    public FakeDiscord.Prepared prepare() {
        return discord.prepare(payload());
    }

    private ObjectNode payload() {
        JsonNode registered = discord.registered(command)
                .orElseThrow(() -> new IllegalStateException("Discord has no command /" + command + " registered"));
        JsonNode contexts = registered.path("contexts");
        boolean offered = contexts.isNull() || contexts.isMissingNode() ? context != 2 : false;
        for (JsonNode c : contexts) offered |= c.asInt() == context;
        if (!offered) {
            String where = List.of("servers", "DMs", "DMs between users").get(context);
            throw new IllegalStateException(
                    "Discord does not offer /" + command + " in " + where + " (context " + context + ")");
        }
        if (userInstall) {
            boolean installable = false;
            for (JsonNode t : registered.path("integration_types")) installable |= t.asInt() == 1;
            if (!installable) throw new IllegalStateException("/" + command + " cannot be installed by a user");
        }
        if (!dm) {
            JsonNode dmp = registered.path("default_member_permissions");
            if (!dmp.isNull() && !dmp.isMissingNode() && !allowedByServerSettings) {
                long needed = Long.parseLong(dmp.asText());
                boolean admin = (permissions & FakeDiscord.ADMINISTRATOR) != 0;
                if (!admin && (permissions & needed) != needed) {
                    throw new IllegalStateException("Discord hides /" + command + " from this user");
                }
            }
        }
        int commandType = registered.path("type").asInt(1);
        if (commandType != (target == null ? 1 : 3)) {
            throw new IllegalStateException("/" + command + " is a command of type " + commandType + ", not "
                    + (target == null ? "a slash command" : "a message command"));
        }
        ObjectNode payload = base(discord, type, channel, user, permissions, dm);
        if (userInstall) {
            payload.put("context", context);
            // only the user's install authorizes it: the server has not added the bot
            payload.putObject("authorizing_integration_owners").put("1", user.id());
            if (context == 2) {
                ArrayNode recipients = (ArrayNode) payload.path("channel").path("recipients");
                recipients.removeAll();
                recipients.add(discord.userJson(discord.englishReader));
            }
        }
        if (!dm) {
            ArrayNode memberRoles = (ArrayNode) payload.path("member").path("roles");
            roles.forEach(r -> memberRoles.add(r.id()));
        }
        ObjectNode data = payload.putObject("data");
        data.put("id", registered.path("id").asText());
        data.put("name", command);
        data.put("type", commandType);
        if (target != null) {
            data.put("target_id", target.id());
            data.putObject("resolved")
                    .putObject("messages")
                    .set(target.id(), target.json().deepCopy());
            return payload;
        }
        ArrayNode opts = data.putArray("options");
        ObjectNode resolvedChannels = discord.json().createObjectNode();
        Map<String, JsonNode> defined = new LinkedHashMap<>();
        registered.path("options").forEach(o -> defined.put(o.path("name").asText(), o));
        for (Map.Entry<String, Object> e : options.entrySet()) {
            JsonNode def = defined.get(e.getKey());
            if (def == null) throw new IllegalStateException("/" + command + " has no option " + e.getKey());
            int optionType = def.path("type").asInt();
            ObjectNode o = opts.addObject().put("name", e.getKey()).put("type", optionType);
            boolean isFocused = e.getKey().equals(focused);
            Object value = e.getValue();
            if (isFocused) {
                o.put("value", String.valueOf(value));
                o.put("focused", true);
                continue;
            }
            switch (optionType) {
                case 4 -> o.put("value", (Integer) value);
                case 3 -> o.put("value", (String) value);
                case 7 -> {
                    FakeDiscord.Channel ch = (FakeDiscord.Channel) value;
                    o.put("value", ch.id());
                    resolvedChannels.set(ch.id(), channelJson(ch, permissions));
                }
                default -> throw new IllegalStateException("option type " + optionType + " not supported by the fake");
            }
            JsonNode choices = def.path("choices");
            if (!choices.isEmpty()) {
                boolean allowed = false;
                for (JsonNode c : choices) allowed |= c.path("value").asText().equals(String.valueOf(value));
                if (!allowed) throw new IllegalStateException("Discord only offers the choices " + choices);
            }
            if (def.has("min_value")
                    && ((Integer) value) < def.path("min_value").asLong()) {
                throw new IllegalStateException("Discord refuses " + value + " below min_value");
            }
            if (def.has("max_value")
                    && ((Integer) value) > def.path("max_value").asLong()) {
                throw new IllegalStateException("Discord refuses " + value + " above max_value");
            }
        }
        if (type == 2) {
            for (JsonNode def : defined.values()) {
                if (def.path("required").asBoolean()
                        && !options.containsKey(def.path("name").asText())) {
                    throw new IllegalStateException(
                            "Discord requires the option " + def.path("name").asText());
                }
            }
        }
        if (!resolvedChannels.isEmpty()) data.putObject("resolved").set("channels", resolvedChannels);
        return payload;
    }

    static ObjectNode channelJson(FakeDiscord.Channel channel, long permissions) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("id", channel.id());
        c.put("type", channel.type());
        if (channel.type() == 0 || channel.type() == 5) {
            c.put("guild_id", channel.guildId());
            c.put("name", channel.name());
            c.put("position", 0);
            c.put("nsfw", false);
            c.putNull("parent_id");
            c.putNull("topic");
            c.putNull("last_message_id");
            c.put("rate_limit_per_user", 0);
            c.put("flags", 0);
            c.put("permissions", Long.toString(permissions));
        }
        return c;
    }

    /** The common part of every interaction: ids, token, where and by whom. */
    static ObjectNode base(
            FakeDiscord discord,
            int type,
            FakeDiscord.Channel channel,
            FakeDiscord.User user,
            long permissions,
            boolean dm) {
        ObjectNode p = discord.json().createObjectNode();
        p.put("id", discord.snowflake());
        p.put("application_id", FakeDiscord.APPLICATION_ID);
        p.put("type", type);
        p.put("token", "aW50ZXJhY3Rpb24" + UUID.randomUUID().toString().replace("-", ""));
        p.put("version", 1);
        p.put("locale", user.locale());
        p.put("app_permissions", Long.toString(FakeDiscord.MEMBER));
        p.putArray("entitlements");
        p.put("attachment_size_limit", 10_485_760);
        p.put("channel_id", channel.id());
        ObjectNode ch = channelJson(channel, permissions);
        if (dm) {
            p.put("context", 1);
            p.putObject("authorizing_integration_owners").put("0", "0");
            ch.putArray("recipients").add(discord.userJson(user));
            p.set("channel", ch);
            p.set("user", discord.userJson(user));
        } else {
            p.put("context", 0);
            p.putObject("authorizing_integration_owners").put("0", channel.guildId());
            p.put("guild_id", channel.guildId());
            p.put("guild_locale", "zh-CN");
            ObjectNode guild = p.putObject("guild");
            guild.put("id", channel.guildId());
            guild.put("locale", "zh-CN");
            guild.putArray("features");
            p.set("channel", ch);
            ObjectNode member = p.putObject("member");
            member.set("user", discord.userJson(user));
            member.putArray("roles");
            member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
            member.putNull("premium_since");
            member.put("deaf", false);
            member.put("mute", false);
            member.put("pending", false);
            member.put("flags", 0);
            member.putNull("nick");
            member.putNull("avatar");
            member.putNull("communication_disabled_until");
            member.put("permissions", Long.toString(permissions));
        }
        return p;
    }
}
