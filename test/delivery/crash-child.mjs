// A delivering process for the crash test: opens the store from the BUILT package, runs the
// dispatcher against the fake EventListener, and exits 0 once nothing is left to deliver.
// The parent kills it with SIGKILL at random moments.
import { setInterval, clearInterval } from 'node:timers';
import { pino } from 'pino';
import { createDispatcher, openStore } from '../../dist/index.js';

const [dbPath, url, mode] = process.argv.slice(2);
const store = openStore(dbPath);
if (mode === 'kill-before-commit') {
  // dies at the first round that would record outcomes: sends answered, nothing of them committed
  store.deliveries.transaction = () => process.kill(process.pid, 'SIGKILL');
}
const targets = [
  {
    name: 'tekton', url, format: 'cloudevents', mode: 'binary', secret: 'crash-test-secret', headers: {},
    timeoutMs: 2000, retryAttempts: 1_000_000, retryBackoffMs: 10, maxBackoffMs: 50,
  },
];
const dispatcher = createDispatcher({ store, targets: () => targets, log: pino({ level: 'silent' }), version: 'crash-test', concurrency: 8 });
dispatcher.start();
const timer = setInterval(() => {
  const s = store.deliveries.stats(Date.now());
  if (s.pending === 0 && s.delivering === 0) {
    clearInterval(timer);
    void dispatcher.stop({ deadlineMs: 1000 }).then(() => {
      store.close();
      process.stdout.write('done\n');
      process.exit(0);
    });
  }
}, 20);
