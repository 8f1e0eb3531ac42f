import { parseArgs } from 'node:util';
import { startRecordServer } from './server';

// Usage: tsx tests/testbed/record-server/cli.ts [--port 8080] [--host 127.0.0.1]
// Prints {"baseUrl": "..."} on one line once it answers; stops on SIGTERM or SIGINT.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
  },
  strict: true,
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`Invalid --port: ${values.port}\n`);
  process.exit(2);
}

const server = await startRecordServer({ port, host: values.host });
process.stdout.write(`${JSON.stringify({ baseUrl: server.baseUrl })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
