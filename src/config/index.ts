export * from './schema';
export * from './parse';
export * from './shifts';
export * from './capacity';
