export * from './actuals';
export * from './score';
export * from './replay';
export * from './report';
