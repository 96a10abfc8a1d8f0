/** The event-day re-plan: a plan folder and the actuals so far → the cheapest changes still allowed. */
export * from './types';
export * from './options';
export * from './replan';
