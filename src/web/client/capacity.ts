/**
 * "Before the peak": runs `peakshift capacity` on the history, settings and
 * agents above as a job (POST /api/plans with `capacity`), shows the key
 * figures, the weekly hours against the requirement, the weeks, the
 * recruiting classes and the capacity folder's files. The figures come from
 * the run's summary (capacity.json), not from re-reading the CSVs.
 */
import type { JobView } from '../api-types.js';
import { byId as el, h } from './dom.js';
import { lineChart } from './charts.js';
import { t } from './i18n.js';

export interface CapacityHooks {
  /** app.ts runJob: submits with the history, config and agents above, follows progress (`capacity-` elements). */
  runJob(extra: Record<string, unknown>, prefix: string, buttonId: string): Promise<JobView | null>;
  /** The agents file chosen in the settings, if any. */
  agents(): { file: string; text: string } | null;
}

/** The fields of capacity.json the step shows (src/capacity/model.ts CapacityPlan). */
interface CapacitySummary {
  currency: string;
  weeks: Array<{ start: string; requiredHours: number; inhouseHours: number; vendorHours: number; availableHours: number; overUnder: number; headcount: number; inTraining: number; hires: number; lostServiceCost: number }>;
  classes: Array<{ id: string; recruitBy: string; trainingStart: string; productiveFrom: string; trainees: number; graduates: number; cost: number }>;
  releases: Array<{ date: string; classId: string; agents: number }>;
  costs: { paid: number; lostService: number; total: number };
  peakWeek: number;
}

const whole = (v: number): string => Math.round(v).toLocaleString('en-US');
const signed = (v: number): string => (Math.round(v) > 0 ? `+${whole(v)}` : Math.round(v) < 0 ? whole(v) : '0');

function table(head: string[], rows: string[][], short: boolean[] = []): HTMLTableElement {
  return h('table', { class: 'grid comparison' }, h('thead', {}, h('tr', {}, ...head.map((x) => h('th', {}, x)))), h('tbody', {}, ...rows.map((r, i) => h('tr', short[i] ? { class: 'short' } : {}, ...r.map((x) => h('td', {}, x))))));
}

function render(job: JobView, s: CapacitySummary): void {
  const peak = s.weeks[s.peakWeek];
  const trainees = s.classes.reduce((n, c) => n + c.trainees, 0);
  el('capacity-line').textContent = `${t('capTotalCost')} ${s.currency} ${whole(s.costs.total)} (${t('capPaid')} ${whole(s.costs.paid)} + ${t('capLostService')} ${whole(s.costs.lostService)}) · ${t('capClasses')}: ${s.classes.length} (${trainees}) · ${peak ? `${peak.start}: ${signed(peak.overUnder)} h` : ''}`;
  el('capacity-chart').replaceChildren(
    lineChart({
      title: t('capChartHours'),
      labels: s.weeks.map((w) => w.start.slice(5)),
      series: [
        { label: t('capRequired'), values: s.weeks.map((w) => w.requiredHours), cls: 'line-required' },
        { label: t('capInhouse'), values: s.weeks.map((w) => w.inhouseHours), cls: 'line-demand' },
        { label: `${t('capInhouse')} + ${t('capVendor')}`, values: s.weeks.map((w) => w.availableHours), cls: 'line-scheduled' },
      ],
    }),
  );
  el('capacity-weeks').replaceChildren(
    table(
      [t('capColWeek'), t('capColRequired'), t('capColInhouse'), t('capColVendor'), t('capColOverUnder'), t('capColHeadcount'), t('capColTraining'), t('capColHires'), `${t('capColLost')} (${s.currency})`],
      s.weeks.map((w) => [w.start, whole(w.requiredHours), whole(w.inhouseHours), whole(w.vendorHours), signed(w.overUnder), w.headcount.toFixed(1), w.inTraining.toFixed(1), String(w.hires), whole(w.lostServiceCost)]),
      s.weeks.map((w) => w.overUnder < -0.5),
    ),
  );
  el('capacity-classes').replaceChildren(
    s.classes.length === 0
      ? h('p', {}, t('capNoClasses'))
      : table(
          [t('capColClass'), t('capColRecruitBy'), t('capColTrainingStart'), t('capColProductiveFrom'), t('capColTrainees'), t('capColExpected'), `${t('capColCost')} (${s.currency})`],
          s.classes.map((c) => [c.id, c.recruitBy, c.trainingStart, c.productiveFrom, String(c.trainees), c.graduates.toFixed(1), whole(c.cost)]),
        ),
  );
  el('capacity-downloads').replaceChildren(...(job.files ?? []).map((f) => h('li', {}, h('a', { href: `/api/plans/${job.id}/files/${f.name}`, download: f.name, 'data-file': f.name }, f.name))));
  el('capacity-results').hidden = false;
}

/** Wire the "Before the peak" controls of index.html (`capacity-*` ids). */
export function initCapacity(hooks: CapacityHooks): void {
  const button = el('run-capacity') as HTMLButtonElement;
  button.addEventListener('click', () => {
    void (async () => {
      const from = (el('capacity-from') as HTMLInputElement).value.trim();
      const until = (el('capacity-until') as HTMLInputElement).value.trim();
      const agents = hooks.agents();
      const job = await hooks.runJob({ capacity: { from, until }, ...(agents ? { agents } : {}) }, 'capacity-', 'run-capacity');
      if (job?.summary) render(job, job.summary as CapacitySummary);
    })();
  });
}
