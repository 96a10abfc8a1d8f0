/** Capacity planning before the peak: the weekly recruiting, training and vendor plan, and tenure in the shift plan. */
export * from './ramp';
export * from './tenure';
export * from './weeks';
export * from './model';
export * from './report';
