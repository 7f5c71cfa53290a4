package org.mesoslogstash.executor.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ceiling benchmarks compare against: {@code docker exec <container> cat <file>} into this
 * process through docker-java, counting bytes and doing nothing else with them.
 */
public final class RawExecCat {

    private RawExecCat() {
    }

    /** Seconds until every byte of {@code file} has arrived; fails unless exactly {@code expectedBytes} did. */
    public static double seconds(DockerClient docker, String container, String file, long expectedBytes) throws InterruptedException {
        String execId = docker.execCreateCmd(container).withCmd("cat", file).withAttachStdout(true).withAttachStderr(true).exec().getId();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                bytes.addAndGet(frame.getPayload().length);
            }

            @Override
            public void onComplete() {
                done.countDown();
            }

            @Override
            public void onError(Throwable throwable) {
                failure.set(throwable);
                done.countDown();
            }
        });
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("cat " + file + " did not finish within 10 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("cat " + file + " failed", failure.get());
        }
        if (bytes.get() != expectedBytes) {
            throw new IllegalStateException("cat " + file + " delivered " + bytes.get() + " bytes, not " + expectedBytes);
        }
        return seconds;
    }
}
