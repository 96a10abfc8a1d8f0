/** Jobs: what the web server and the broker's workers both run (page plans and what-if points), below both. */
export * from './types';
export * from './errors';
export * from './plan';
export * from './capacity';
export * from './replay';
export * from './files';
export * from './run';
export * from './orphans';
