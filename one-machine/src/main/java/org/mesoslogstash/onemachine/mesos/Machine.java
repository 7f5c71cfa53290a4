package org.mesoslogstash.onemachine.mesos;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This host as the one agent offers it: its name and resources. */
public interface Machine {

    String hostname();

    double cpus();

    /** Physical memory, MiB. */
    double memMiB();

    /** Usable space where the data lives, MiB. */
    double diskMiB();

    /** The machine this JVM runs on; disk is measured at {@code dataDir}. */
    static Machine local(Path dataDir) {
        return new Machine() {
            @Override
            public String hostname() {
                try {
                    return InetAddress.getLocalHost().getHostName();
                } catch (UnknownHostException e) {
                    return "localhost";
                }
            }

            @Override
            public double cpus() {
                return Runtime.getRuntime().availableProcessors();
            }

            @Override
            public double memMiB() {
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                return Math.floor(os.getTotalMemorySize() / 1048576.0);
            }

            @Override
            public double diskMiB() {
                try {
                    return Math.floor(Files.getFileStore(dataDir).getUsableSpace() / 1048576.0);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot measure the free space of " + dataDir + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
