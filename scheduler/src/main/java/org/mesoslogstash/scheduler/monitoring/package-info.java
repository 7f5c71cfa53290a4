/**
 * What Marathon and Prometheus ask the scheduler: readiness ({@code /api/ready}) and metrics in the
 * Prometheus text format ({@code /metrics}), both open without login.
 */
package org.mesoslogstash.scheduler.monitoring;
