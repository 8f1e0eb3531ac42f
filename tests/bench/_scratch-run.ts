import { benchTimeline } from './timeline.bench';
await benchTimeline();
