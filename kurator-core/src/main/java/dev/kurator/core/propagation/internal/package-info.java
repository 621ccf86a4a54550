/** Implementation of propagation (cluster reconciler, tree comparison, fabric8 object access); no compatibility promise. */
package dev.kurator.core.propagation.internal;
