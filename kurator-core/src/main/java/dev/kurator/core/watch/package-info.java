/**
 * Fleet-wide watches: {@link dev.kurator.core.watch.FleetInformer} runs one fabric8 informer per member and delivers
 * every event, tagged with its cluster, to one handler.
 */
package dev.kurator.core.watch;
