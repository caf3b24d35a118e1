package org.excerptbot.app.it;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.time.zone.ZoneRulesException;
import java.time.zone.ZoneRulesProvider;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Two zones whose one daylight-saving change comes minutes after the bot starts, for {@link DaylightSavingJarIT}:
 *
 * <ul>
 *   <li>{@code Test/SpringForward}: UTC+00:00, then from the instant in system property {@value #SPRING_FORWARD}
 *       UTC+00:02 (clocks jump 2 minutes forward: a 2-minute gap).
 *   <li>{@code Test/FallBack}: UTC+00:02, then from the instant in system property {@value #FALL_BACK} UTC+00:00
 *       (clocks go 2 minutes back: a 2-minute overlap).
 * </ul>
 *
 * <p>The bot's JVM finds it through {@code ServiceLoader} on the class path. It depends on the JDK alone and has no
 * nested classes, so that its one class file is all the class path needs.
 */
public final class NearTransitionZones extends ZoneRulesProvider {
    /** The spring-forward instant (ISO-8601, whole minutes). */
    public static final String SPRING_FORWARD = "excerptbot.test.springForward";
    /** The fall-back instant (ISO-8601, whole minutes). */
    public static final String FALL_BACK = "excerptbot.test.fallBack";

    public static final String SPRING_ZONE = "Test/SpringForward";
    public static final String FALL_ZONE = "Test/FallBack";
    public static final ZoneOffset STANDARD = ZoneOffset.UTC;
    public static final ZoneOffset SUMMER = ZoneOffset.ofTotalSeconds(120);

    public NearTransitionZones() {}

    @Override
    protected Set<String> provideZoneIds() {
        return Set.of(SPRING_ZONE, FALL_ZONE);
    }

    @Override
    protected ZoneRules provideRules(String zoneId, boolean forCaching) {
        if (SPRING_ZONE.equals(zoneId)) return rules(SPRING_FORWARD, STANDARD, SUMMER);
        if (FALL_ZONE.equals(zoneId)) return rules(FALL_BACK, SUMMER, STANDARD);
        throw new ZoneRulesException("unknown zone: " + zoneId);
    }

    @Override
    protected NavigableMap<String, ZoneRules> provideVersions(String zoneId) {
        return new TreeMap<>(Map.of("test", provideRules(zoneId, false)));
    }

    /** Standard time UTC throughout; the wall offset changes once, at the instant the property names. */
    private static ZoneRules rules(String property, ZoneOffset before, ZoneOffset after) {
        String at = System.getProperty(property);
        if (at == null) throw new ZoneRulesException("system property " + property + " is not set");
        LocalDateTime local = LocalDateTime.ofInstant(Instant.parse(at), before);
        ZoneOffsetTransition change = ZoneOffsetTransition.of(local, before, after);
        return ZoneRules.of(STANDARD, before, List.of(), List.of(change), List.of());
    }
}
