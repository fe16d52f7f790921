package org.trustgov.starter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GroupedWritesTest {

    private record Write(int value, CompletableFuture<Integer> outcome) {}

    @Test
    void writersAtOnceAreWrittenInGroupsInTheOrderTheyCameEachAnsweredWithItsOwnOutcome() throws Exception {
        List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstGroupStarted = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupedWrites<Write> writes = new GroupedWrites<>("writing", 8, Write::outcome, (group, answers) -> {
            firstGroupStarted.countDown();
            await(othersQueued);
            groups.add(group.stream().map(Write::value).toList());
            for (Write w : group) {
                written.add(w.value());
                answers.add(() -> w.outcome().complete(w.value() * 10));
            }
        });
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            answers.add(callers.submit(() -> write(writes, 0)));
            firstGroupStarted.await();
            List<Thread> waiting = Collections.synchronizedList(new ArrayList<>());
            for (int i = 1; i <= 19; i++) {
                int value = i;
                answers.add(callers.submit(() -> {
                    waiting.add(Thread.currentThread());
                    return write(writes, value);
                }));
            }
            while (waiting.size() < 19 || waitingFor(waiting) < 19) {
                Thread.onSpinWait(); // until all 19 are queued behind the first group
            }
            othersQueued.countDown();
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo(i * 10);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(written).hasSize(20).doesNotHaveDuplicates();
        assertThat(groups).first().isEqualTo(List.of(0));
        assertThat(groups).allSatisfy(group -> assertThat(group).hasSizeLessThanOrEqualTo(8));
        assertThat(groups.size())
                .as("19 writers waiting were written in groups, not one by one")
                .isLessThan(20);
    }

    @Test
    void aWriterThatFailsUnexpectedlyStillAnswersEveryCallerInItsGroupAndTheNextGroupIsWritten() {
        List<Integer> written = new ArrayList<>();
        GroupedWrites<Write> writes = new GroupedWrites<>("writing", 8, Write::outcome, (group, answers) -> {
            if (group.get(0).value() == 1) {
                throw new IllegalStateException("store broke");
            }
            group.forEach(w -> {
                written.add(w.value());
                answers.add(() -> w.outcome().complete(w.value()));
            });
        });

        assertThatThrownBy(() -> write(writes, 1)).hasMessage("store broke");
        assertThat(write(writes, 2)).isEqualTo(2);
        assertThat(written).containsExactly(2);
    }

    @Test
    void whatWasQueuedWhileTheLockWasHeldAloneIsWrittenAsItIsLetGoNotAfterTheCallersWait() throws Exception {
        List<Thread> writtenBy = Collections.synchronizedList(new ArrayList<>());
        GroupedWrites<Write> writes = new GroupedWrites<>("writing", 8, Write::outcome, (group, answers) -> {
            writtenBy.add(Thread.currentThread());
            group.forEach(w -> answers.add(() -> w.outcome().complete(w.value())));
        });
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Thread> alone = threads.submit(() -> {
                writes.alone(() -> {
                    holding.countDown();
                    await(letGo);
                });
                return Thread.currentThread();
            });
            holding.await();
            List<Thread> caller = Collections.synchronizedList(new ArrayList<>());
            Future<Integer> answer = threads.submit(() -> {
                caller.add(Thread.currentThread());
                return write(writes, 7);
            });
            while (caller.isEmpty() || waitingFor(caller) < 1) {
                Thread.onSpinWait(); // until the caller has queued its write and waits
            }
            letGo.countDown();

            assertThat(answer.get()).isEqualTo(7);
            assertThat(writtenBy)
                    .as("the thread letting the lock go wrote the queued write; the caller did not have to look again")
                    .containsExactly(alone.get());
        } finally {
            threads.shutdownNow();
        }
    }

    /** Callers waiting for their outcome (queued, then waiting in turns). */
    private static long waitingFor(List<Thread> callers) {
        return callers.stream()
                .filter(t -> t.getState() == Thread.State.TIMED_WAITING)
                .count();
    }

    private static Integer write(GroupedWrites<Write> writes, int value) {
        Write w = new Write(value, new CompletableFuture<>());
        return writes.write(w, w.outcome());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
