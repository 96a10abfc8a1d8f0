/** Shift design: the plan model proposes the shift menu from the demand curve (`peakshift design-shifts`). */
export * from './designShifts';
export * from './report';
export { generateCandidates, poolRules, candidateName, type Candidate, type PoolRules } from './candidates';
