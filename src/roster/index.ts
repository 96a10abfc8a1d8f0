export * from './types';
export * from './shifts';
export * from './check';
export * from './assign';
export * from './seats';
export * from './fairness';
export * from './capacity';
export * from './build';
