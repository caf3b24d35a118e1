package org.excerptbot.core.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.excerptbot.core.concurrent.DaemonThreads;
import org.excerptbot.core.metrics.BotMetrics;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.SlotListener;
import org.excerptbot.core.subscription.SubscriptionStore;
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
 * a {@link SlotTrigger} built by {@link SlotTriggers} (a trigger of another type, left by an earlier version, is
 * replaced when its slot is scheduled); when it fires, the {@link SlotHandler} queues the slot's posts, and how late it fired
 * goes to {@link BotMetrics#schedulerLag}. The job requests recovery: when an instance dies while running it, another
 * runs it again (queuing is idempotent) for the same scheduled instant, once the dead one misses its check-ins.
 *
 * <p>It needs no messenger: build it with the stores and hand it to the subscription service as its
 * {@link SlotListener}. It takes every slot it is told of from then on; those that come before {@link #start()}
 * are kept and scheduled by it, under the same lock as its reading of the active slots, so no slot is missed
 * whatever the order.
 *
 * <p>Every {@link #RECONCILE_EVERY} it {@linkplain #reconcile() reconciles} the triggers with the active slots, so
 * that a subscription written by another process (an import while the bot runs, an instance that died before
 * scheduling its slot) gets its trigger without a restart.
 */
public final class SlotScheduler implements SlotListener {
    private static final Logger log = LoggerFactory.getLogger(SlotScheduler.class);
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

    /** The scheduler name every instance of the bot shares (the cluster's name). */
    public static final String NAME = "excerpt-bot";
    /** How often an instance checks in with the cluster by default; one silent for longer is taken for dead. */
    public static final Duration DEFAULT_CHECKIN = Duration.ofMillis(7500);
    /**
     * How often the triggers are reconciled with the active slots: slots have minute resolution, so a slot written
     * elsewhere gets its trigger before its next minute but one, for two small queries a minute.
     */
    public static final Duration RECONCILE_EVERY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final Database.Kind kind;
    private final SubscriptionStore subscriptions;
    private final SlotHandler handler;
    private final Clock clock;
    private final String instanceId;
    private final Duration checkin;
    private final Duration reconcileEvery;
    private final BotMetrics metrics;
    // guarded by this
    private final Set<Slot> beforeStart = new LinkedHashSet<>();
    private Scheduler scheduler;
    private ScheduledExecutorService reconciler;
    private boolean stopped;

    /**
     * @param dataSource the bot's pool (it may still be opening: nothing is read before {@link #start()})
     * @param kind its SQL dialect (Quartz's DDL and delegate)
     * @param subscriptions where the active slots are read at start
     * @param handler what a firing does (the post queue's {@code slotDue})
     * @param instanceId this node's id in the cluster, or {@code AUTO} (host name and start time)
     * @param checkin how often this instance checks in with the cluster (Quartz's {@code clusterCheckinInterval})
     * @param metrics where each firing's lag is recorded
     */
    public SlotScheduler(
            DataSource dataSource,
            Database.Kind kind,
            SubscriptionStore subscriptions,
            SlotHandler handler,
            Clock clock,
            String instanceId,
            Duration checkin,
            BotMetrics metrics) {
        this(dataSource, kind, subscriptions, handler, clock, instanceId, checkin, RECONCILE_EVERY, metrics);
    }

    /** With the triggers reconciled every {@code reconcileEvery} (tests use a short one). */
    SlotScheduler(
            DataSource dataSource,
            Database.Kind kind,
            SubscriptionStore subscriptions,
            SlotHandler handler,
            Clock clock,
            String instanceId,
            Duration checkin,
            Duration reconcileEvery,
            BotMetrics metrics) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.checkin = Objects.requireNonNull(checkin, "checkin");
        if (checkin.toMillis() < 1)
            throw new IllegalArgumentException("checkin: must be at least 1 ms, was " + checkin);
        this.reconcileEvery = Objects.requireNonNull(reconcileEvery, "reconcileEvery");
        if (reconcileEvery.toMillis() < 1)
            throw new IllegalArgumentException("reconcileEvery: must be at least 1 ms, was " + reconcileEvery);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Creates Quartz's tables if absent, gives every active slot (and every slot told of since construction) its
     * trigger, removes the triggers of slots nobody uses, and starts firing. A slot told of meanwhile waits for
     * this to finish and is then scheduled.
     */
    public synchronized void start() {
        if (scheduler != null) throw new IllegalStateException("the slot scheduler is already started");
        if (stopped) throw new IllegalStateException("the slot scheduler was stopped; it does not start again");
        Scheduler s = null;
        try {
            if (QuartzTables.ensure(dataSource, kind)) log.info("created Quartz's tables");
            String dsName = "excerpt-bot-db-" + DATA_SOURCES.incrementAndGet();
            DBConnectionManager.getInstance().addConnectionProvider(dsName, new SharedPool(dataSource));
            s = new StdSchedulerFactory(properties(dsName)).getScheduler();
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
            int slots = reconcile(s, true).used();
            s.start();
            scheduler = s;
            beforeStart.clear();
            reconciler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("slot-reconciler"));
            reconciler.scheduleWithFixedDelay(
                    this::reconcileLogged, reconcileEvery.toMillis(), reconcileEvery.toMillis(), TimeUnit.MILLISECONDS);
            log.info("slot scheduler started (instance {}), {} slots", s.getSchedulerInstanceId(), slots);
        } catch (SchedulerException | SQLException | RuntimeException e) {
            if (s != null) shutdownQuietly(s);
            throw new IllegalStateException("could not start the slot scheduler: " + e.getMessage(), e);
        }
    }

    /** What a reconciliation found: how many slots are in use, and those whose trigger it added. */
    public record Reconciled(int used, Set<Slot> added) {
        public Reconciled {
            added = Set.copyOf(added);
        }
    }

    /**
     * Makes the triggers match the active slots, as {@link #start()} does: adds the missing ones, removes those of
     * slots nobody uses. The posts of an added slot's occurrences in the last two reconciliation periods go to the
     * handler: a subscription written elsewhere just before its time is then posted that day, not the next (the
     * handler queues only subscriptions that existed at the occurrence). Another instance reconciling or adding the
     * same slot meanwhile is harmless: the trigger's key is the slot's, and the second add finds it there. Does
     * nothing when not started.
     */
    public synchronized Reconciled reconcile() {
        if (scheduler == null) return new Reconciled(0, Set.of());
        try {
            Reconciled reconciled = reconcile(scheduler, false);
            Instant now = clock.instant();
            for (Slot slot : reconciled.added()) {
                for (Slot.Occurrence o = slot.occurrenceAfter(now.minus(reconcileEvery.multipliedBy(2)));
                        !o.at().isAfter(now);
                        o = slot.occurrenceAfter(o.at())) {
                    handler.slotDue(slot, o.at());
                }
            }
            return reconciled;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not reconcile the slot triggers: " + e.getMessage(), e);
        }
    }

    private void reconcileLogged() {
        try {
            Reconciled reconciled = reconcile();
            if (!reconciled.added().isEmpty())
                log.info(
                        "reconciled: scheduled {} slots subscribed elsewhere",
                        reconciled.added().size());
        } catch (RuntimeException e) {
            log.warn("could not reconcile the slot triggers; trying again in {}", reconcileEvery, e);
        }
    }

    /**
     * Another instance may be adding a trigger for a new subscription meanwhile; the order keeps it: the triggers
     * are listed before the slots are read (a trigger listed was added after its subscription was saved, so its
     * slot is read), and when some were removed the slots are read again (a subscription saved before a removal is
     * then seen and its slot scheduled again; one saved after it finds no trigger and adds one). With
     * {@code everySlot} each used slot's trigger is read (one of an earlier version is replaced); without, only the
     * slots without a listed trigger are looked at, so that a pass costs two queries when nothing changed.
     */
    private Reconciled reconcile(Scheduler s, boolean everySlot) throws SchedulerException {
        Set<TriggerKey> existing = s.getTriggerKeys(GroupMatcher.triggerGroupEquals(SlotTriggers.GROUP));
        Set<Slot> used = new LinkedHashSet<>(subscriptions.activeSlots());
        used.addAll(beforeStart);
        Set<TriggerKey> keep = new HashSet<>();
        for (Slot slot : used) keep.add(SlotTriggers.key(slot));
        Set<TriggerKey> removed = new HashSet<>();
        for (TriggerKey key : existing) {
            if (!keep.contains(key) && s.unscheduleJob(key)) removed.add(key);
        }
        if (!removed.isEmpty()) used.addAll(subscriptions.activeSlots());
        Set<Slot> added = new LinkedHashSet<>();
        for (Slot slot : used) {
            TriggerKey key = SlotTriggers.key(slot);
            boolean listed = existing.contains(key) && !removed.contains(key);
            if ((everySlot || !listed) && schedule(s, slot)) added.add(slot);
        }
        return new Reconciled(used.size(), added);
    }

    /** A subscription entered the slot: it gets its trigger (at start, when this comes before it). */
    @Override
    public void slotInUse(Slot slot) {
        ensure(slot);
    }

    /**
     * Gives the slot its trigger if it has none (idempotent, also across instances). Before {@link #start()} the
     * slot is kept for it; after {@link #stop()} nothing happens (the next start reads the slot from the store).
     */
    public synchronized void ensure(Slot slot) {
        Objects.requireNonNull(slot, "slot");
        if (stopped) return;
        if (scheduler == null) {
            beforeStart.add(slot);
            return;
        }
        try {
            schedule(scheduler, slot);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule slot " + slot + ": " + e.getMessage(), e);
        }
    }

    /** Gives the slot its trigger if it has none; true when this added it (not when it replaced one). */
    private boolean schedule(Scheduler s, Slot slot) throws SchedulerException {
        try {
            TriggerKey key = SlotTriggers.key(slot);
            Trigger existing = s.getTrigger(key);
            if (existing instanceof SlotTrigger) return false;
            Trigger trigger = SlotTriggers.trigger(slot, clock.instant());
            if (existing == null) {
                s.scheduleJob(trigger);
                log.info("scheduled slot {}", slot);
                return true;
            }
            // a daily trigger of an earlier version, which loses posts on daylight-saving days
            s.rescheduleJob(key, trigger);
            log.info("replaced the trigger of slot {}", slot);
            return false;
        } catch (ObjectAlreadyExistsException e) {
            // another instance added it first
            return false;
        }
    }

    /** When the slot's trigger fires next, if it has one (empty while not started). */
    public Optional<Instant> nextFire(Slot slot) {
        Scheduler s;
        synchronized (this) {
            s = scheduler;
        }
        if (s == null) return Optional.empty();
        try {
            Trigger t = s.getTrigger(SlotTriggers.key(slot));
            return t == null || t.getNextFireTime() == null
                    ? Optional.empty()
                    : Optional.of(t.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not read the trigger of " + slot + ": " + e.getMessage(), e);
        }
    }

    /** The Quartz scheduler while started (tests fire and stop it directly). */
    synchronized Scheduler quartz() {
        return scheduler;
    }

    /** Stops firing and waits for jobs that are running. For good: it cannot start again. */
    public synchronized void stop() {
        stopped = true;
        beforeStart.clear();
        // no interrupt: a pass holds the lock, so none runs now; one waiting for it finds the scheduler gone
        if (reconciler != null) reconciler.shutdown();
        Scheduler s = scheduler;
        if (s == null) return;
        shutdownQuietly(s);
        scheduler = null;
    }

    private static void shutdownQuietly(Scheduler s) {
        try {
            s.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("could not stop the slot scheduler cleanly", e);
        }
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
        p.setProperty("org.quartz.jobStore.driverDelegateClass", QuartzTables.delegateClass(kind));
        p.setProperty(
                "org.quartz.jobStore.driverDelegateInitString",
                "triggerPersistenceDelegateClasses=" + SlotTriggerPersistence.class.getName());
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
