/**
 * Leader election for hosts running several replicas: {@link dev.kurator.core.leader.LeaderElection} over a Lease in
 * a hub cluster, so only the leader propagates.
 */
package dev.kurator.core.leader;
