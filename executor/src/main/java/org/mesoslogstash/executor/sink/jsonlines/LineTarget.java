package org.mesoslogstash.executor.sink.jsonlines;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where a {@link JsonLinesSink} appends: a file (durable) or a stream such as stdout. */
interface LineTarget {

    /**
     * Appends {@code length} bytes and makes them durable (file) or flushed (stream). On failure,
     * a file is cut back to its previous end, so a retry does not leave a half line behind.
     */
    void append(byte[] bytes, int length) throws IOException;

    void close() throws IOException;

    /** Opens the file again after each failure, so a replaced or remounted file is picked up. */
    final class FileTarget implements LineTarget {
        private final Path file;
        private final Opener opener;
        private AppendableFile channel;

        FileTarget(Path file, Opener opener) {
            this.file = file;
            this.opener = opener;
        }

        @Override
        public void append(byte[] bytes, int length) throws IOException {
            if (channel == null) {
                channel = opener.open(file);
            }
            long end = channel.size();
            try {
                channel.write(ByteBuffer.wrap(bytes, 0, length));
                channel.force();
            } catch (IOException e) {
                AppendableFile failed = channel;
                channel = null;
                try (failed) {
                    failed.truncate(end);
                } catch (IOException truncateFailed) {
                    e.addSuppressed(truncateFailed);
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }

        @Override
        public String toString() {
            return "JSON lines " + file;
        }
    }

    final class StreamTarget implements LineTarget {
        private final OutputStream out;
        private final String name;

        StreamTarget(OutputStream out, String name) {
            this.out = out;
            this.name = name;
        }

        @Override
        public void append(byte[] bytes, int length) throws IOException {
            out.write(bytes, 0, length);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush(); // the stream (stdout) belongs to the caller
        }

        @Override
        public String toString() {
            return "JSON lines " + name;
        }
    }

    /** The few file operations appending needs; tests substitute failing ones. */
    interface AppendableFile extends AutoCloseable {
        long size() throws IOException;

        void write(ByteBuffer bytes) throws IOException;

        void force() throws IOException;

        void truncate(long size) throws IOException;

        @Override
        void close() throws IOException;
    }

    @FunctionalInterface
    interface Opener {
        Opener REAL = file -> {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new AppendableFile() {
                @Override
                public long size() throws IOException {
                    return channel.size();
                }

                @Override
                public void write(ByteBuffer bytes) throws IOException {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }

                @Override
                public void force() throws IOException {
                    channel.force(false);
                }

                @Override
                public void truncate(long size) throws IOException {
                    channel.truncate(size);
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        };

        AppendableFile open(Path file) throws IOException;
    }
}
