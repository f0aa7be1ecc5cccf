package io.kommosync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.accounting.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BackgroundTasks")
class BackgroundTasksTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    @DisplayName("runs each task at once, then again only when its interval has passed")
    void runsAtItsInterval() {
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger prunes = new AtomicInteger();
        BackgroundTasks tasks = BackgroundTasks.builder().clock(clock)
                .task("poll", Duration.ofMinutes(1), polls::incrementAndGet)
                .task("prune", Duration.ofHours(1), prunes::incrementAndGet)
                .build();

        assertThat(tasks.runDue()).containsExactly("poll", "prune");
        clock.advance(Duration.ofSeconds(59));
        assertThat(tasks.runDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tasks.runDue()).containsExactly("poll");
        clock.advance(Duration.ofMinutes(59));
        assertThat(tasks.runDue()).containsExactly("poll", "prune");
        assertThat(polls).hasValue(3);
        assertThat(prunes).hasValue(2);
    }

    @Test
    @DisplayName("a failing task is logged and tried again at its next interval, and never stops the others")
    void failureIsContained() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger others = new AtomicInteger();
        BackgroundTasks tasks = BackgroundTasks.builder().clock(clock)
                .task("flaky", Duration.ofMinutes(1), () -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("ledger down");
                    }
                })
                .task("other", Duration.ofMinutes(1), others::incrementAndGet)
                .build();

        assertThat(tasks.runDue()).containsExactly("flaky", "other");
        assertThat(tasks.lastFailure("flaky")).contains("IllegalStateException");
        clock.advance(Duration.ofMinutes(1));
        tasks.runDue();
        assertThat(attempts).hasValue(2);
        assertThat(others).hasValue(2);
        assertThat(tasks.lastFailure("flaky")).isEmpty();
    }

    @Test
    @DisplayName("a task whose lease another instance holds does not run, and runs as soon as the lease is granted")
    void runsOnlyUnderItsLease() {
        AtomicBoolean granted = new AtomicBoolean(false);
        List<String> released = new ArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        BackgroundTasks tasks = BackgroundTasks.builder().clock(clock)
                .leases(name -> new Leadership() {
                    @Override
                    public boolean acquire(Instant now) {
                        return granted.get();
                    }

                    @Override
                    public boolean release() {
                        released.add(name);
                        return true;
                    }
                })
                .task("reconciler:c1", Duration.ofMinutes(5), runs::incrementAndGet)
                .build();

        assertThat(tasks.runDue()).isEmpty();
        assertThat(tasks.leads("reconciler:c1")).isFalse();
        granted.set(true);
        clock.advance(Duration.ofSeconds(10));
        assertThat(tasks.runDue()).as("taken over at the next tick, not after a whole interval")
                .containsExactly("reconciler:c1");
        assertThat(tasks.leads("reconciler:c1")).isTrue();
        granted.set(false);
        clock.advance(Duration.ofSeconds(10));
        tasks.runDue();
        assertThat(tasks.leads("reconciler:c1")).as("lost while waiting for the next run").isFalse();
        tasks.close();
        assertThat(released).as("a lease this instance no longer holds is not released").isEmpty();
        assertThat(runs).hasValue(1);
    }

    @Test
    @DisplayName("close releases the leases this instance holds")
    void closeReleases() {
        List<String> released = new ArrayList<>();
        BackgroundTasks tasks = BackgroundTasks.builder().clock(clock)
                .leases(name -> new Leadership() {
                    @Override
                    public boolean acquire(Instant now) {
                        return true;
                    }

                    @Override
                    public boolean release() {
                        released.add(name);
                        return true;
                    }
                })
                .task("a", Duration.ofMinutes(1), () -> { })
                .task("b", Duration.ofMinutes(1), () -> { })
                .build();
        tasks.runDue();
        tasks.close();
        assertThat(released).containsExactly("a", "b");
    }

    @Test
    @DisplayName("names must be unique and intervals positive, and unknown names are reported with the known ones")
    void rejectsBadInput() {
        BackgroundTasks.Builder b = BackgroundTasks.builder().task("poll", Duration.ofMinutes(1), () -> { });
        assertThatThrownBy(() -> b.task("poll", Duration.ofMinutes(1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'poll'");
        assertThatThrownBy(() -> b.task("x", Duration.ZERO, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every of 'x'");
        assertThatThrownBy(() -> b.task(" ", Duration.ofMinutes(1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> b.build().leads("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[poll]");
    }
}
