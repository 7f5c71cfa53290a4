/**
 * The web UI (served from {@code static/}: dashboard, agents, configuration editor, activity) and the two
 * read-only calls it needs beside the configuration API: {@code GET /api/agents} (each agent's executor and
 * the configuration version it applied) and {@code GET /api/activity} (the scheduler's recent decisions).
 */
package org.mesoslogstash.scheduler.ui;
