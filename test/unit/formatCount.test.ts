import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount } from '../../common/formatCount';

test("formatCount writes what toLocaleString('en-US') writes", () => {
  const values = [
    0,
    1,
    -1,
    7,
    12,
    123,
    999,
    1000,
    -1000,
    1001,
    9999,
    12345,
    100000,
    999999,
    1000000,
    1234567,
    -7654321,
    150000,
    604800,
    Number.MAX_SAFE_INTEGER,
  ];
  for (const value of [...values, 1.5, -0, 1e21, Number.NaN, Number.POSITIVE_INFINITY])
    assert.equal(formatCount(value), value.toLocaleString('en-US'), String(value));
});
