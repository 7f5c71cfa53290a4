/**
 * Streaming log lines out of containers: container file → exec stream → line framing → event.
 *
 * <p>{@link org.mesoslogstash.executor.stream.StreamSupervisor} runs one
 * {@link org.mesoslogstash.executor.stream.StreamReader} per stream on a virtual thread and
 * restarts it by the {@link org.mesoslogstash.executor.stream.StreamFailure.Kind} of its failure.
 * Files are read by {@link org.mesoslogstash.executor.stream.file.FileStream} through a follower
 * script executed in the container ({@code file/follower.sh}): it holds the file open, sends its
 * bytes in length-prefixed chunks of up to 4 MiB with its inode and offsets in-band, finishes a
 * rotated file before moving to the new one, starts a truncated file again from 0, and kills
 * itself and everything it started when its client stops sending heartbeats on stdin. Console
 * streams are read by {@link org.mesoslogstash.executor.stream.console.ConsoleStream} from
 * Docker's logs.
 *
 * <p>What is not covered: a file rotated twice between two polls of the follower (250 ms by
 * default) loses the lines written to the middle file after the last poll; lines written to a
 * copytruncate'd file between the last poll and the truncation are in the copy only; containers
 * with a TTY have no separate stdout/stderr and are not supported by console streams.
 */
package org.mesoslogstash.executor.stream;
