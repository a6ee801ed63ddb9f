import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from '../../client/restartPolicy';

test('a crashing server is started again a bounded number of times, then left stopped with one plain message', () => {
  let now = 0;
  const policy = new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS, () => now);
  const decisions = Array.from({ length: MAX_RESTARTS + 2 }, () => {
    now += 1000;
    return policy.closed();
  });
  assert.deepEqual(
    decisions.map((decision) => decision.restart),
    [true, true, true, true, false, false],
  );
  assert.equal(decisions[0].log, 'The Labelbox import language server stopped unexpectedly; starting it again (1 of 4 restarts within 3 minutes).');
  assert.equal(decisions[0].message, undefined, 'no message while it is restarted');
  assert.equal(
    decisions[4].message,
    'The Labelbox import language server stopped 5 times within 3 minutes and was not started again. The "Labelbox Import" output says why; run "Labelbox: Restart Language Server" to start it.',
  );
  for (const decision of decisions) assert.ok(decision.log.length < 300 && !decision.log.includes('\n'), 'one short line per stop');
  policy.reset();
  assert.equal(policy.closed().restart, true, 'counted afresh after the user restarts it');
});

test('stops spread over more than the window keep being restarted', () => {
  let now = 0;
  const policy = new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS, () => now);
  for (let stop = 0; stop < 20; stop++) {
    now += RESTART_WINDOW_MS / 3;
    assert.equal(policy.closed().restart, true, `stop ${stop}`);
  }
});
