package org.mesoslogstash.executor.sink.beats;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.zip.Deflater;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.sink.EventJson;
import tools.jackson.core.JsonGenerator;

/**
 * Encodes one batch as one Lumberjack window, the bytes that go on the wire unchanged (and again,
 * after a reconnect): a {@code 2W} frame with the batch size, then one {@code 2J} frame per event
 * numbered from 1 — wrapped in a single {@code 2C} zlib frame when the compression level is above
 * 0. Level 0 sends the {@code 2J} frames as they are (as Filebeat does with
 * {@code compression_level: 0}), which costs bandwidth but no CPU.
 *
 * <p>Thread-safe: callers encode in parallel; scratch buffers and deflaters are pooled.
 */
final class WindowEncoder implements AutoCloseable {

    private static final int MAX_POOLED = 8;

    private final EventJson json;
    private final int compressionLevel;
    private final ConcurrentLinkedQueue<FrameBuffer> scratchBuffers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Deflater> deflaters = new ConcurrentLinkedQueue<>();

    WindowEncoder(EventJson json, int compressionLevel) {
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("compression level must be 0 (none) to 9, was " + compressionLevel);
        }
        this.json = json;
        this.compressionLevel = compressionLevel;
    }

    /** The window's frames: the first {@code length} bytes of {@code bytes}. */
    record Encoded(byte[] bytes, int length) {
        byte[] toByteArray() {
            return java.util.Arrays.copyOf(bytes, length);
        }
    }

    /** Encodes (and compresses) on the calling thread. */
    Encoded encode(List<LogEvent> batch) {
        return encode(batch, Runnable::run).join();
    }

    /**
     * Writes the JSON frames on the calling thread and compresses them on {@code compressor}, so
     * that compressing one window overlaps with encoding the next (deflate costs several times
     * what JSON encoding does). Level 0 completes at once.
     */
    CompletableFuture<Encoded> encode(List<LogEvent> batch, Executor compressor) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a window holds at least one event");
        }
        if (compressionLevel == 0) {
            FrameBuffer out = new FrameBuffer(estimate(batch) + 6);
            writeWindowFrame(out, batch.size());
            writeJsonFrames(batch, out);
            return CompletableFuture.completedFuture(new Encoded(out.array(), out.size()));
        }
        FrameBuffer frames = borrowScratch();
        frames.reset();
        try {
            writeJsonFrames(batch, frames);
            return CompletableFuture.supplyAsync(() -> compress(frames, batch.size()), compressor);
        } catch (RuntimeException e) {
            giveBack(scratchBuffers, frames);
            throw e;
        }
    }

    private Encoded compress(FrameBuffer frames, int events) {
        Deflater deflater = borrowDeflater();
        try {
            deflater.setInput(frames.array(), 0, frames.size());
            deflater.finish();
            FrameBuffer out = new FrameBuffer(frames.size() / 8 + 64);
            writeWindowFrame(out, events);
            out.writeFrameHeader(Lumberjack.COMPRESSED);
            int lengthAt = out.size();
            out.writeInt(0);
            int start = out.size();
            while (!deflater.finished()) {
                out.ensureCapacity(out.size() + Math.max(4096, frames.size() / 8));
                int written = deflater.deflate(out.array(), out.size(), out.array().length - out.size());
                out.advance(written);
            }
            out.patchInt(lengthAt, out.size() - start);
            return new Encoded(out.array(), out.size());
        } finally {
            deflater.reset();
            giveBack(deflaters, deflater);
            giveBack(scratchBuffers, frames);
        }
    }

    private static void writeWindowFrame(FrameBuffer out, int size) {
        out.writeFrameHeader(Lumberjack.WINDOW);
        out.writeInt(size);
    }

    private void writeJsonFrames(List<LogEvent> batch, FrameBuffer out) {
        try (JsonGenerator generator = json.newGenerator(out)) {
            int sequence = 0;
            for (LogEvent event : batch) {
                out.writeFrameHeader(Lumberjack.JSON);
                out.writeInt(++sequence);
                int lengthAt = out.size();
                out.writeInt(0);
                json.write(event, generator);
                generator.flush();
                out.patchInt(lengthAt, out.size() - lengthAt - 4);
            }
        }
    }

    private static int estimate(List<LogEvent> batch) {
        // Documents are the line plus a few hundred bytes of metadata; guessing well saves copies.
        return (int) Math.min(Integer.MAX_VALUE - 64, batch.size() * (long) (batch.getFirst().line().length + 600));
    }

    private FrameBuffer borrowScratch() {
        FrameBuffer buffer = scratchBuffers.poll();
        return buffer != null ? buffer : new FrameBuffer(1 << 20);
    }

    private Deflater borrowDeflater() {
        Deflater deflater = deflaters.poll();
        return deflater != null ? deflater : new Deflater(compressionLevel);
    }

    private static <T> void giveBack(ConcurrentLinkedQueue<T> pool, T item) {
        if (pool.size() < MAX_POOLED) {
            pool.offer(item);
        } else if (item instanceof Deflater deflater) {
            deflater.end();
        }
    }

    @Override
    public void close() {
        Deflater deflater;
        while ((deflater = deflaters.poll()) != null) {
            deflater.end();
        }
        scratchBuffers.clear();
    }
}
