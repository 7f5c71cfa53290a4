/**
 * Offer → decision: named {@link org.mesoslogstash.scheduler.placement.OfferRule}s judge each offer
 * against a {@link org.mesoslogstash.scheduler.placement.ClusterView} snapshot, every reason to decline
 * is collected, and each decision goes to the bounded {@link org.mesoslogstash.scheduler.placement.ActivityLog}.
 */
package org.mesoslogstash.scheduler.placement;
