/**
 * Namespace sameness (SIG-Multicluster): namespaces with their labels, ServiceAccounts, ConfigMaps and Secrets kept
 * identical on every member of a fleet, with divergence reports and repair.
 */
package dev.kurator.core.sameness;
