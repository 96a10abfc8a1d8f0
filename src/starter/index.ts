/** A starter config drafted from a history (`peakshift init`). */
export * from './draft';
