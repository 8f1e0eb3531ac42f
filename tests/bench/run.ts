import { benchCache } from './cache.bench';
import { benchGateway } from './gateway.bench';
import { benchTimeline } from './timeline.bench';

/** `npm run bench`: every benchmark, each printing its figures against its in-run baseline. */
await benchGateway();
await benchTimeline();
await benchCache();
