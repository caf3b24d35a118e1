package org.excerptbot.core.schedule;

import java.time.LocalTime;
import java.time.ZoneId;
import org.excerptbot.core.subscription.Slot;
import org.quartz.impl.jdbcjobstore.SimplePropertiesTriggerPersistenceDelegateSupport;
import org.quartz.impl.jdbcjobstore.SimplePropertiesTriggerProperties;
import org.quartz.impl.jdbcjobstore.TriggerPersistenceDelegate.TriggerPropertyBundle;
import org.quartz.spi.OperableTrigger;

/**
 * Stores a {@link SlotTrigger} in Quartz's JDBC job store: type {@code SLOT}, the slot's {@code HH:MM} and zone id in
 * {@code QRTZ_SIMPROP_TRIGGERS}. Quartz instantiates it by name ({@code triggerPersistenceDelegateClasses}).
 */
public final class SlotTriggerPersistence extends SimplePropertiesTriggerPersistenceDelegateSupport {
    static final String TYPE = "SLOT";

    public SlotTriggerPersistence() {}

    @Override
    public String getHandledTriggerTypeDiscriminator() {
        return TYPE;
    }

    @Override
    public boolean canHandleTriggerType(OperableTrigger trigger) {
        return trigger instanceof SlotTrigger;
    }

    @Override
    protected SimplePropertiesTriggerProperties getTriggerProperties(OperableTrigger trigger) {
        Slot slot = ((SlotTrigger) trigger).slot();
        SimplePropertiesTriggerProperties props = new SimplePropertiesTriggerProperties();
        props.setString1(slot.timeText());
        props.setString2(slot.zone().getId());
        return props;
    }

    @Override
    protected TriggerPropertyBundle getTriggerPropertyBundle(SimplePropertiesTriggerProperties props) {
        Slot slot = new Slot(LocalTime.parse(props.getString1()), ZoneId.of(props.getString2()));
        return new TriggerPropertyBundle(SlotTrigger.Schedule.of(slot), null, null);
    }
}
