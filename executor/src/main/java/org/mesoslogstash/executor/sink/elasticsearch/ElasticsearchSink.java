package org.mesoslogstash.executor.sink.elasticsearch;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.sink.Acknowledgements;
import org.mesoslogstash.executor.sink.EventJson;
import org.mesoslogstash.executor.sink.HandOver;
import org.mesoslogstash.executor.sink.Sink;
import org.mesoslogstash.executor.sink.SinkClosedException;
import org.mesoslogstash.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events straight into Elasticsearch (or OpenSearch) with the {@code _bulk} API, for setups
 * without Logstash. Each event is one document ({@link EventJson}, the JSON-lines form) created
 * with a {@code create} action under an id derived from where the line was read ({@link DocumentIds}).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>A batch is acknowledged only when every one of its documents is stored: created now,
 *       refused with 409 because an earlier attempt stored it (same id, so not stored twice), or,
 *       refused for good (a mapping error), stored in the dead-letter index
 *       {@code <index>-deadletter} with the original document as a string and the error.</li>
 *   <li>Connection errors, timeouts, 5xx, 429 and blocks (401/403), of the whole request or of
 *       single items, are retried with backoff until they succeed or the sink is closed, never
 *       dropped; each attempt goes to the next host in turn. Only the items that failed are sent again.</li>
 *   <li>Batches are acknowledged in publish order; at most {@code maxConcurrentRequests} bulk
 *       requests are in flight, each at most {@code maxBulkBytes} (bigger batches are split).</li>
 * </ul>
 *
 * <p>Back-pressure: {@link #publish} encodes on the caller's thread, then blocks while
 * {@value #MAX_QUEUED_BATCHES} batches are unacknowledged, so a slow or absent cluster stops the
 * readers. An interrupted publisher's batch is accepted anyway (and the interrupt flag restored),
 * as in the other sinks.
 *
 * <p>Threads: {@code maxConcurrentRequests} sender threads take the next unsent chunk in order;
 * stages are completed, in order, on a thread of their own.
 */
public final class ElasticsearchSink implements Sink {

    static final String DEAD_LETTER_SUFFIX = "-deadletter";
    static final int MAX_QUEUED_BATCHES = 4;
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSink.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ElasticsearchSinkOptions options;
    private final EventJson json;
    private final BulkHttp http;
    private final Sleeper sleeper;
    private final InstantSource clock;
    private final String name;
    private final ThreadLocal<DocumentIds> documentIds = ThreadLocal.withInitial(DocumentIds::new);
    private final AtomicInteger nextHost = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition unsentAvailable = lock.newCondition();
    private final Condition space = lock.newCondition();
    // Guarded by lock: unacknowledged batches, oldest first; chunks no sender has taken yet, in order.
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private final ArrayDeque<Chunk> unsent = new ArrayDeque<>();
    private boolean closed;

    private final List<Thread> senders = new ArrayList<>();
    private final Acknowledgements acknowledgements = new Acknowledgements("elasticsearch");

    private final LongAdder created = new LongAdder();
    private final LongAdder alreadyPresent = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failures = new LongAdder();

    ElasticsearchSink(ElasticsearchSinkOptions options, EventJson json, BulkHttp http, Sleeper sleeper, InstantSource clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.json = Objects.requireNonNull(json, "json");
        this.http = Objects.requireNonNull(http, "http");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (json.includesBeatsMetadata()) {
            throw new IllegalArgumentException("Elasticsearch documents are the JSON-lines form, without @metadata: use EventJson.forJsonLines()");
        }
        this.name = options.toString();
        for (int i = 0; i < options.maxConcurrentRequests(); i++) {
            senders.add(Thread.ofVirtual().name("elasticsearch-sender-" + i).unstarted(this::sendLoop));
        }
    }

    /**
     * Starts the senders and returns at once; nothing is contacted until the first batch.
     *
     * @throws IllegalArgumentException when the trust store cannot be loaded
     */
    public static ElasticsearchSink start(ElasticsearchSinkOptions options, Sleeper sleeper, InstantSource clock) {
        return start(options, new JdkBulkHttp(options), sleeper, clock);
    }

    static ElasticsearchSink start(ElasticsearchSinkOptions options, BulkHttp http, Sleeper sleeper, InstantSource clock) {
        ElasticsearchSink sink = new ElasticsearchSink(options, EventJson.forJsonLines(), http, sleeper, clock);
        sink.senders.forEach(Thread::start);
        LOG.info("{} started", sink.name);
        return sink;
    }

    @Override
    public CompletionStage<Void> publish(List<LogEvent> batch) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        BulkItems items = BulkItems.encode(batch, options.index(), json, documentIds.get());
        List<int[]> parts = items.chunks(options.maxBulkBytes());
        Batch pending = new Batch(batch.size(), parts.size());
        return HandOver.offer(lock, space, () -> closed, () -> batches.size() >= MAX_QUEUED_BATCHES, () -> {
            batches.addLast(pending);
            for (int[] part : parts) {
                unsent.addLast(new Chunk(pending, items, part));
            }
            unsentAvailable.signalAll();
        }, pending.acknowledged, name, batch.size());
    }

    public ElasticsearchSinkMetrics metrics() {
        return new ElasticsearchSinkMetrics(created.sum(), alreadyPresent.sum(), deadLettered.sum(), requests.sum(),
                retries.sum(), rejected.sum(), failures.sum());
    }

    @Override
    public void close() {
        List<Batch> abandoned;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            abandoned = new ArrayList<>(batches);
            batches.clear();
            unsent.clear();
            unsentAvailable.signalAll();
            space.signalAll();
        } finally {
            lock.unlock();
        }
        senders.forEach(Thread::interrupt);
        for (Thread sender : senders) {
            try {
                sender.join(CLOSE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.close();
        int events = abandoned.stream().mapToInt(b -> b.events).sum();
        SinkClosedException exception = new SinkClosedException(name, events);
        acknowledgements.failAndStop(abandoned.stream().map(b -> b.acknowledged).toList(), exception, CLOSE_WAIT);
        LOG.info("{} closed; {} events in {} batches were not acknowledged; {}", name, events, abandoned.size(), metrics());
    }

    private void sendLoop() {
        while (true) {
            Chunk chunk;
            lock.lock();
            try {
                while (!closed && unsent.isEmpty()) {
                    unsentAvailable.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                chunk = unsent.removeFirst();
            } finally {
                lock.unlock();
            }
            if (!deliver(chunk.items, chunk.itemIndexes, false)) {
                return; // closed; close() fails what is left
            }
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                chunk.batch.chunksLeft--;
                while (!batches.isEmpty() && batches.peekFirst().chunksLeft == 0) {
                    Batch done = batches.removeFirst();
                    // Under the lock, while not closed: close() shuts the executor down only later.
                    acknowledgements.acknowledged(done.acknowledged);
                }
                space.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Sends {@code pending} items of {@code items} until each is stored (or dead-lettered).
     *
     * @param deadLetters true when the items are dead letters themselves: they are never dead-lettered again
     * @return false when the sink was closed first
     */
    private boolean deliver(BulkItems items, int[] pending, boolean deadLetters) {
        int failed = 0;
        boolean first = true;
        while (true) {
            if (!first) {
                retries.increment();
            }
            first = false;
            URI host = options.hosts().get(Math.floorMod(nextHost.getAndIncrement(), options.hosts().size()));
            requests.increment();
            String problem;
            try {
                BulkHttp.Reply reply = http.post(host, items.body(pending));
                if (reply.status() == 200) {
                    Round round = settle(items, pending, BulkResponse.parse(reply.body(), pending.length), deadLetters);
                    if (!round.deadLetters.isEmpty() && !sendDeadLetters(round.deadLetters)) {
                        return false;
                    }
                    if (round.retry.length == 0) {
                        if (failed > 0) {
                            LOG.info("{}: {} items stored after {} failed attempts", name, pending.length, failed);
                        }
                        return true;
                    }
                    failed = round.progressed ? 1 : failed + 1;
                    problem = round.retry.length + " of " + pending.length + " items refused (" + round.firstError + ")";
                    pending = round.retry;
                } else if (reply.status() == 413 && pending.length > 1) {
                    LOG.warn("{}: {} answered 413 (request too large) to {} items; sending them in two halves", name, host, pending.length);
                    int half = pending.length / 2;
                    return deliver(items, Arrays.copyOfRange(pending, 0, half), deadLetters)
                            && deliver(items, Arrays.copyOfRange(pending, half, pending.length), deadLetters);
                } else {
                    failures.increment();
                    if (reply.status() == 429) {
                        rejected.add(pending.length);
                    }
                    failed++;
                    problem = host + " answered " + reply.status() + ": " + BulkResponse.abbreviate(reply.body());
                }
            } catch (IOException | BulkResponse.MalformedResponseException e) {
                failures.increment();
                failed++;
                problem = host + ": " + e;
            } catch (InterruptedException e) {
                return false;
            }
            Duration delay = options.retry().delay(failed);
            LOG.warn("{}: {}; retrying {} items in {} (attempt {})", name, problem, pending.length, delay, failed + 1);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                return false;
            }
            if (isClosed()) {
                return false;
            }
        }
    }

    private Round settle(BulkItems items, int[] pending, BulkResponse response, boolean deadLetters) {
        List<BulkItems.DeadLetter> refused = new ArrayList<>();
        int[] retry = new int[pending.length];
        int retryCount = 0;
        boolean progressed = false;
        String firstError = null;
        for (int i = 0; i < pending.length; i++) {
            BulkResponse.Item item = response.items().get(i);
            BulkResponse.Outcome outcome = item.outcome();
            if (deadLetters && outcome == BulkResponse.Outcome.DEAD_LETTER) {
                LOG.error("{}: the dead letter {} in {} was refused ({} {}: {}); retrying it, fix the dead-letter index",
                        name, items.id(pending[i]), items.index(pending[i]), item.status(), item.errorType(), item.reason());
                outcome = BulkResponse.Outcome.RETRY;
            }
            switch (outcome) {
                case CREATED -> {
                    if (!deadLetters) { // dead letters are counted once, as dead-lettered
                        created.increment();
                    }
                    progressed = true;
                }
                case ALREADY_PRESENT -> {
                    if (!deadLetters) {
                        alreadyPresent.increment();
                    }
                    progressed = true;
                }
                case DEAD_LETTER -> {
                    int index = pending[i];
                    LOG.warn("{}: document {} refused by {} ({} {}: {}); storing it in {}{}", name, items.id(index),
                            items.index(index), item.status(), item.errorType(), item.reason(), items.index(index), DEAD_LETTER_SUFFIX);
                    refused.add(new BulkItems.DeadLetter(items.index(index), items.id(index), items.document(index),
                            item.status(), item.errorType(), item.reason(), clock.instant().toString()));
                    progressed = true;
                }
                case RETRY -> {
                    if (item.status() == 429) {
                        rejected.increment();
                    }
                    if (firstError == null) {
                        firstError = item.status() + " " + item.errorType() + ": " + item.reason();
                    }
                    retry[retryCount++] = pending[i];
                }
            }
        }
        return new Round(Arrays.copyOf(retry, retryCount), refused, progressed, firstError);
    }

    private boolean sendDeadLetters(List<BulkItems.DeadLetter> letters) {
        BulkItems deadItems = BulkItems.deadLetters(letters, json);
        int[] all = new int[deadItems.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        if (!deliver(deadItems, all, true)) {
            return false;
        }
        deadLettered.add(letters.size());
        return true;
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private record Round(int[] retry, List<BulkItems.DeadLetter> deadLetters, boolean progressed, String firstError) {
    }

    private static final class Batch {
        final int events;
        int chunksLeft; // guarded by the sink's lock
        final CompletableFuture<Void> acknowledged = new CompletableFuture<>();

        Batch(int events, int chunks) {
            this.events = events;
            this.chunksLeft = chunks;
        }
    }

    private record Chunk(Batch batch, BulkItems items, int[] itemIndexes) {
    }
}
