/**
 * Who may use the scheduler's HTTP interface: the users and their roles ({@code viewer} reads,
 * {@code operator} also changes; {@link org.mesoslogstash.scheduler.security.ApiUsers}), the generated
 * admin of a scheduler started without users ({@link org.mesoslogstash.scheduler.security.GeneratedAdmin}),
 * and the Spring Security rules ({@link org.mesoslogstash.scheduler.security.SecurityWiring}): HTTP Basic
 * for API clients, form login and CSRF tokens for browsers, health, readiness and metrics open.
 */
package org.mesoslogstash.scheduler.security;
