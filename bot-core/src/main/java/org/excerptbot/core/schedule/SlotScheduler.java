package org.excerptbot.core.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.excerptbot.core.metrics.BotMetrics;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.subscription.Slot;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz with its JDBC job store in the bot's own database, sharing the bot's HikariCP pool through a
 * {@link ConnectionProvider}. Clustered (every instance with the same scheduler name shares the triggers, and
 * only one fires each), with {@code acquireTriggersWithinLock=true}. There is one trigger per {@link Slot},
 * built by {@link SlotTriggers}; when it fires, the {@link SlotHandler} queues the slot's posts, and how late it fired
 * goes to {@link BotMetrics#schedulerLag}. The job requests recovery: when an instance dies while running it, another
 * runs it again (queuing is idempotent) for the same scheduled instant, once the dead one misses its check-ins.
 */
public final class SlotScheduler {
    private static final Logger log = LoggerFactory.getLogger(SlotScheduler.class);
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

    /** The scheduler name every instance of the bot shares (the cluster's name). */
    public static final String NAME = "excerpt-bot";
    /** How often an instance checks in with the cluster by default; one silent for longer is taken for dead. */
    public static final Duration DEFAULT_CHECKIN = Duration.ofMillis(7500);

    private final Database database;
    private final SlotHandler handler;
    private final Clock clock;
    private final String instanceId;
    private final Duration checkin;
    private final BotMetrics metrics;
    private volatile Scheduler scheduler;

    /**
     * @param instanceId this node's id in the cluster, or {@code AUTO} (host name and start time)
     * @param checkin how often this instance checks in with the cluster (Quartz's {@code clusterCheckinInterval})
     * @param metrics where each firing's lag is recorded
     */
    public SlotScheduler(
            Database database,
            SlotHandler handler,
            Clock clock,
            String instanceId,
            Duration checkin,
            BotMetrics metrics) {
        this.database = Objects.requireNonNull(database, "database");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.checkin = Objects.requireNonNull(checkin, "checkin");
        if (checkin.toMillis() < 1)
            throw new IllegalArgumentException("checkin: must be at least 1 ms, was " + checkin);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Creates Quartz's tables if absent, starts the scheduler and gives every active slot its trigger. */
    public synchronized void start(Set<Slot> activeSlots) {
        if (scheduler != null) throw new IllegalStateException("the slot scheduler is already started");
        try {
            if (QuartzTables.ensure(database.dataSource(), database.kind())) log.info("created Quartz's tables");
            String dsName = "excerpt-bot-db-" + DATA_SOURCES.incrementAndGet();
            DBConnectionManager.getInstance().addConnectionProvider(dsName, new SharedPool(database.dataSource()));
            Scheduler s = new StdSchedulerFactory(properties(dsName)).getScheduler();
            // several schedulers of one cluster may live in one JVM (tests): do not let the next one reuse this
            SchedulerRepository.getInstance().remove(NAME);
            s.setJobFactory((bundle, sched) -> new QueueSlotJob(handler, metrics));
            s.addJob(
                    JobBuilder.newJob(QueueSlotJob.class)
                            .withIdentity(SlotTriggers.JOB)
                            .storeDurably()
                            .requestRecovery()
                            .build(),
                    true);
            scheduler = s;
            sync(activeSlots);
            s.start();
            log.info("slot scheduler started (instance {}), {} slots", s.getSchedulerInstanceId(), activeSlots.size());
        } catch (SchedulerException | SQLException e) {
            throw new IllegalStateException("could not start the slot scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the triggers match the active slots: adds the missing ones, removes those of slots nobody uses.
     * Called at start; {@link #ensure} covers slots gained later.
     */
    public void sync(Set<Slot> activeSlots) throws SchedulerException {
        Scheduler s = scheduler;
        for (TriggerKey key : s.getTriggerKeys(GroupMatcher.triggerGroupEquals(SlotTriggers.GROUP))) {
            boolean used =
                    activeSlots.stream().anyMatch(slot -> SlotTriggers.key(slot).equals(key));
            if (!used) s.unscheduleJob(key);
        }
        for (Slot slot : activeSlots) ensure(slot);
    }

    /** Gives the slot its trigger if it has none (idempotent, also across instances). No-op before start. */
    public void ensure(Slot slot) {
        Scheduler s = scheduler;
        if (s == null) return;
        try {
            if (s.checkExists(SlotTriggers.key(slot))) return;
            s.scheduleJob(SlotTriggers.trigger(slot, clock.instant()));
            log.info("scheduled slot {}", slot);
        } catch (ObjectAlreadyExistsException e) {
            // another instance added it first
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule slot " + slot + ": " + e.getMessage(), e);
        }
    }

    /** When the slot's trigger fires next, if it has one. */
    public Optional<Instant> nextFire(Slot slot) {
        try {
            Trigger t = scheduler.getTrigger(SlotTriggers.key(slot));
            return t == null || t.getNextFireTime() == null
                    ? Optional.empty()
                    : Optional.of(t.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not read the trigger of " + slot + ": " + e.getMessage(), e);
        }
    }

    /** The Quartz scheduler while started (tests fire and stop it directly). */
    Scheduler quartz() {
        return scheduler;
    }

    /** Stops firing and waits for jobs that are running. */
    public synchronized void stop() {
        Scheduler s = scheduler;
        if (s == null) return;
        try {
            s.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("could not stop the slot scheduler cleanly", e);
        }
        scheduler = null;
    }

    private Properties properties(String dsName) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", NAME);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", QuartzTables.delegateClass(database.kind()));
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkin.toMillis()));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return p;
    }

    /**
     * The job every slot trigger fires: records how late it fired (a recovered firing counts from the instant the
     * dead instance's firing was scheduled for) and hands the slot and its scheduled instant to the handler.
     */
    static final class QueueSlotJob implements Job {
        private final SlotHandler handler;
        private final BotMetrics metrics;

        QueueSlotJob(SlotHandler handler, BotMetrics metrics) {
            this.handler = handler;
            this.metrics = metrics;
        }

        @Override
        public void execute(JobExecutionContext context) {
            Slot slot = SlotTriggers.slotOf(context.getMergedJobDataMap());
            Instant scheduled = context.getScheduledFireTime().toInstant();
            metrics.schedulerLag(
                    Duration.between(scheduled, context.getFireTime().toInstant()));
            try {
                handler.slotDue(slot, scheduled);
            } catch (RuntimeException e) {
                // the engine's periodic catch-up queues them later the same day
                log.error("queuing the posts of slot {} due at {} failed", slot, scheduled, e);
            }
        }
    }

    /** Lends Quartz connections from the bot's pool; Quartz's shutdown must not close that pool. */
    private static final class SharedPool implements ConnectionProvider {
        private final DataSource dataSource;

        SharedPool(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {}

        @Override
        public void initialize() {}
    }
}
