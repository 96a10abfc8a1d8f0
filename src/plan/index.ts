/**
 * The shift planner: Config + Requirement + dates → least-cost integer shift plan
 * (`planShifts`), and why a plan is short (`explainShortage`).
 */
export * from './planShifts';
export * from './solution';
export * from './explain';
export { buildPlanModel, type PlanModel, type PlanContext, type AgentVar, type PlanModelOptions } from './model';
export { describeFloorDiagnosis, diagnoseFloors, type FloorDiagnosis, type FloorGap } from './feasibility';
export { buildHorizon, type Horizon, type ShiftStart } from './horizon';
export * from './solver';
export { effectiveBand, scopePeriods } from './constraints/outsourcingRatio';
export { checkPlanSize, estimatePlanSize, CONFIG_NAMES, type PlanSize, type PlanSizeNames } from './limits';
export type { PoolCapacity, PoolCapacity as PoolAvailability, DayCapacity, WindowCapacity } from './constraints/inhouseAvailability';
export { startKey } from './constraints/inhouseAvailability';
export { InfeasiblePlanError } from '../domain';
