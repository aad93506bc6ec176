/**
 * Dry-run plans waiting for their commit. They live in this process's memory, keyed by planId,
 * for IMPORT_PLAN_TTL_MINUTES (30): a restart drops every pending plan, and the uploader then
 * runs the dry run again. No table holds them, so nothing is left behind by abandoned imports.
 */
import type { Services } from '../http/services';
import type { ImportPlan } from './plan';

/** Pending plans per user and in all: a 20,000-row plan holds some megabytes. */
const MAX_PLANS_PER_USER = 3;
const MAX_PLANS = 50;

export class ImportPlanStore {
  private readonly plans = new Map<string, ImportPlan>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Keeps a plan, dropping expired ones and, past the limits, the oldest. */
  put(plan: ImportPlan): void {
    this.sweep();
    const own = [...this.plans.values()].filter((p) => p.userId === plan.userId);
    for (const old of own.slice(0, Math.max(0, own.length - MAX_PLANS_PER_USER + 1))) this.plans.delete(old.id);
    while (this.plans.size >= MAX_PLANS) this.plans.delete(this.plans.keys().next().value as string);
    this.plans.set(plan.id, plan);
  }

  /** The plan, unless unknown or expired. */
  get(id: string): ImportPlan | undefined {
    this.sweep();
    return this.plans.get(id);
  }

  delete(id: string): void {
    this.plans.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, plan] of this.plans) if (plan.expiresAt <= now) this.plans.delete(id);
  }
}

// One store per app (its Services): tests run several apps over different databases at once.
const stores = new WeakMap<Services, ImportPlanStore>();

export function planStoreOf(services: Services): ImportPlanStore {
  let store = stores.get(services);
  if (!store) stores.set(services, (store = new ImportPlanStore()));
  return store;
}
