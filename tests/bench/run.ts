import { benchCache } from './cache.bench';
import { benchCacheReopen } from './cache-reopen.bench';
import { benchGateway } from './gateway.bench';
import { benchTimeline } from './timeline.bench';
import { benchViewer } from './viewer.bench';

/**
 * `npm run bench`: every benchmark, each printing its figures against its in-run baseline.
 * `npm run bench -- cache cache-reopen`: only those named, in the order given.
 */
const BENCHES: Record<string, () => Promise<void>> = {
  gateway: benchGateway,
  timeline: benchTimeline,
  cache: benchCache,
  'cache-reopen': benchCacheReopen,
  viewer: benchViewer,
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; choose among: ${Object.keys(BENCHES).join(', ')}`,
  );
  process.exit(2);
}
for (const name of chosen.length > 0 ? chosen : Object.keys(BENCHES)) {
  const bench = BENCHES[name];
  if (bench) await bench();
}
