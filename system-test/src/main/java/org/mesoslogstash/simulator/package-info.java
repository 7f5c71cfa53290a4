/**
 * A Mesos cluster in one process, for the system tests and the benchmark: {@link
 * org.mesoslogstash.simulator.MesosSimulator} starts a master serving the v1 scheduler API and agents
 * that run executors as real processes and serve the v1 executor API, on the JDK's HTTP server, with
 * protobuf bodies and RecordIO event streams.
 *
 * <p>For scale (the benchmark's thousand agents), executors that {@link
 * org.mesoslogstash.simulator.SimulatorConfig#withInProcessExecutors configured} {@link
 * org.mesoslogstash.simulator.executor.InProcessExecutors} take run inside the simulator instead of as
 * processes, for instance as {@link org.mesoslogstash.simulator.executor.SimulatedCollectorExecutor}s
 * that report the applied configuration version; they still use the agent's executor API over HTTP,
 * and the agent sees them exit and be killed as it sees processes.
 *
 * <h2>As Mesos does it</h2>
 * <ul>
 * <li>Requests are checked in Mesos' order with its statuses and reasons: 307 from a master that does
 * not lead (scheme-relative Location), 405, 400 without Content-Type, 415, parse and validation
 * failures (commons' {@code CallValidation}/{@code ExecutorCallValidation}, plus the acknowledgement's
 * uuid), 406 for Accept, stream id checks, 400 "Framework cannot be found", 403 "Framework is not
 * subscribed" / "Executor is not subscribed".</li>
 * <li>SUBSCRIBE keeps a given framework id (a removed framework gets ERROR "Framework has been
 * removed"), assigns one otherwise, answers {@code Mesos-Stream-Id}, SUBSCRIBED with the heartbeat
 * interval and HEARTBEAT events; a second subscription fails the first over (ERROR "Framework failed
 * over"). A disconnected framework is kept for its {@code failover_timeout}, then removed with its
 * executors.</li>
 * <li>Offers: each agent's unused resources (cpus, mem, disk, with allocation_info) and attributes,
 * to one connected, unsuppressed framework per round; DECLINE and the unused part of ACCEPT are
 * filtered for {@code refuse_seconds} (default 5 s); REVIVE clears filters; offers are rescinded when
 * an agent is removed. ACCEPT with a stale offer: TASK_LOST/TASK_DROPPED, REASON_INVALID_OFFERS; a task
 * that does not fit or is malformed: TASK_ERROR, REASON_TASK_INVALID with Mesos' messages.</li>
 * <li>Master-made updates (invalid launches, reconciliation, lost agents) carry no uuid; agent and
 * executor updates carry one and are re-sent to the scheduler until acknowledged, one at a time per
 * task. The agent acknowledges an executor's UPDATE (ACKNOWLEDGED) once it has stored it, as Mesos'
 * agent does; the scheduler's ACKNOWLEDGE goes to the agent's status update manager.</li>
 * <li>Executors get the agent's environment ({@code MESOS_AGENT_ENDPOINT}, {@code MESOS_FRAMEWORK_ID},
 * {@code MESOS_EXECUTOR_ID}, {@code MESOS_CHECKPOINT}, {@code MESOS_RECOVERY_TIMEOUT},
 * {@code MESOS_SUBSCRIPTION_BACKOFF_MAX}, {@code MESOS_DIRECTORY}, {@code MESOS_SANDBOX},
 * {@code MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD}...) and a sandbox with {@code stdout} and
 * {@code stderr}. An executor that ends fails its unfinished tasks (TASK_FAILED, or TASK_KILLED when a
 * kill was asked, REASON_EXECUTOR_TERMINATED) and the scheduler gets FAILURE with its wait status; one
 * that does not subscribe within the registration timeout is killed (REASON_EXECUTOR_REGISTRATION_TIMEOUT),
 * as is one that does not re-subscribe after an agent restart (REASON_EXECUTOR_REREGISTRATION_TIMEOUT).</li>
 * <li>Master failover: contenders are {@code json.info_} znodes in ZooKeeper as Mesos writes them;
 * the old leader steps down (znode deleted) and answers 307; schedulers' streams end and offers go.</li>
 * </ul>
 *
 * <h2>Simpler than Mesos (known gaps)</h2>
 * <ul>
 * <li>Only protobuf (a JSON request gets 406); no authentication; roles, reservations, ranges (ports)
 * and operations other than LAUNCH are not supported (such operations are ignored with a warning);
 * an agent's resources go to one framework per allocation round.</li>
 * <li>No command executor and no isolation: a TaskInfo without an executor ends TASK_FAILED with
 * REASON_CONTAINER_LAUNCH_FAILED and a message saying so; executors without a DOCKER ContainerInfo run as
 * plain processes; URIs are fetched from local paths only.</li>
 * <li>Executors with a DOCKER ContainerInfo run as the Docker containerizer runs them (agent flags in
 * {@link org.mesoslogstash.simulator.DockerSettings}): {@code docker -H <socket> run} attached, with the
 * image's entrypoint when the CommandInfo has {@code shell=false}, {@code --cpu-shares}/{@code --memory}
 * from the resources, the agent's executor environment as {@code -e} with {@code MESOS_SANDBOX} the
 * mounted sandbox ({@code /mnt/mesos/sandbox}) and {@code MESOS_CONTAINER_NAME}, the ContainerInfo's
 * volumes, the network, and the name prefix plus container id. Differences: the image is never pulled (a
 * missing image fails the launch, naming it); the limits are set once, from the executor's and its first
 * task's resources (Mesos starts with the executor's and updates them); {@code MESOS_DIRECTORY} is the
 * mounted sandbox too; port mappings are refused; a container is removed as soon as it ends (Mesos waits
 * {@code --docker_remove_delay}); killing it is {@code docker rm -f}, after the shutdown grace period as
 * for processes; an agent restart does not re-attach to containers (the {@code docker run} client it
 * started keeps running in the simulator's JVM, so executors keep running as they do in Mesos).</li>
 * <li>Status updates are retried at a fixed interval (Mesos backs off from 10 s).</li>
 * </ul>
 */
package org.mesoslogstash.simulator;
