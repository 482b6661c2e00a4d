/** A slow interpreter written straight from the IR definitions, the yardstick for every other path. */
package io.dot4j.runtime.reference;
