/** Implementation details of overrides (JSON pointer/patch, image references, label selectors); no compatibility promise. */
package dev.kurator.core.override.internal;
