/**
 * Summarizes a V8 CPU profile (`BENCH_CPU_PROF=1 npm run bench` writes them to bench/results/prof/):
 * self time by package or project file, the functions with the most self time, and the project
 * functions with the most inclusive time (what they and everything they call cost).
 *
 *   npx tsx bench/profile-summary.ts bench/results/prof/<file>.cpuprofile [top=25]
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** node_modules/<package>, a project file, node:internal, or a V8 pseudo-frame like (garbage collector). */
function where(url: string): string {
  if (!url) return '(native/V8)';
  const file = url.replace(/^file:\/\//, '');
  const inModules = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inModules) return `npm:${inModules[1]}`;
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  if (file.startsWith('node:')) return file;
  return file;
}

function label(node: ProfileNode): string {
  const name = node.callFrame.functionName || '(anonymous)';
  return `${name} ${where(node.callFrame.url)}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
}

export function summarize(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);

  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfByWhere = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusiveByFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const w = where(node.callFrame.url) || node.callFrame.functionName;
    selfByWhere.set(w === '(native/V8)' ? node.callFrame.functionName || w : w, (selfByWhere.get(w) ?? 0) + us);
    selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + us);
    // Inclusive: charge every distinct function on the stack once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusiveByFunction.set(l, (inclusiveByFunction.get(l) ?? 0) + us);
    }
  }

  const fmt = (us: number) => `${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / totalUs).toFixed(1).padStart(5)} %`;
  const list = (m: Map<string, number>, filter: (k: string) => boolean = () => true) =>
    [...m.entries()]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${fmt(us)}  ${k}`)
      .join('\n');
  const project = (k: string) => /\s(server|common|bench)\//.test(k);
  return [
    `sampled ${(totalUs / 1e6).toFixed(2)} s of CPU`,
    '',
    'self time by package / file',
    list(selfByWhere),
    '',
    'self time by function',
    list(selfByFunction),
    '',
    'inclusive time of project functions',
    list(inclusiveByFunction, project),
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summarize(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, Number(process.argv[3] ?? 25)));
}
