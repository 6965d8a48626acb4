import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, logFile } from '../../src/logger';

describe('the logger masks personal data in everything it writes', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-log-'));
    file = path.join(dir, 'concord.log');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const secrets = ['jane.doe@example.com', '13812345678', '+1 415-555-2671', '4111 1111 1111 1111', '110101199003071233', '123-45-6789'];

  it('masks the message, top-level and nested fields, arrays, errors and format arguments', () => {
    const log = createLogger('info', logFile(file));
    log.info('customer jane.doe@example.com wrote from 13812345678');
    log.warn({ note: 'call +1 415-555-2671', nested: { deeper: { card: 'paid with 4111 1111 1111 1111' } }, list: ['id 110101199003071233'] }, 'order CP-7K3M9Q');
    log.error({ err: new Error('ssn 123-45-6789 rejected') }, 'failed for %s', 'jane.doe@example.com');
    log.child({ module: 'test' }).info({ detail: '我的手机13812345678' }, '订单号12345');
    log.error(Object.assign(new Error('card 4111 1111 1111 1111 declined'), { code: 'card_declined', details: { email: 'x', note: 'jane.doe@example.com' } }));
    const written = fs.readFileSync(file, 'utf8');
    for (const secret of secrets) expect(written).not.toContain(secret);
    const lines = written.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0].msg).toBe('customer [email] wrote from [phone]');
    expect(lines[1]).toMatchObject({ note: 'call [phone]', nested: { deeper: { card: 'paid with [card ****1111]' } }, list: ['id [id]'], msg: 'order CP-7K3M9Q' });
    expect(lines[2].msg).toBe('failed for [email]');
    expect(lines[2].err.message).toBe('ssn [ssn] rejected');
    expect(lines[3]).toMatchObject({ module: 'test', detail: '我的手机[phone]', msg: '订单号12345' });
    expect(lines[4]).toMatchObject({ msg: 'card [card ****1111] declined', err: { type: 'Error', code: 'card_declined', details: { note: '[email]' } } });
  });

  it('passes class instances through untouched and bounds wide structures', () => {
    const log = createLogger('info', logFile(file));
    class Request { method = 'GET'; url = '/api/queue?status=bot'; }
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, { v: `a${i}@example.com` }]));
    log.info({ req: new Request(), wide }, 'instances');
    const line = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(line.req).toEqual({ method: 'GET', url: '/api/queue?status=bot' }); // not copied: pino's serializers own these
    expect(Object.keys(line.wide)).toHaveLength(100);
    expect(JSON.stringify(line.wide)).not.toMatch(/@example\.com/);
  });

  it('keeps the existing redaction of text fields and bounds deep structures', () => {
    const log = createLogger('info', logFile(file));
    let deep: Record<string, unknown> = { email: 'x@example.org' };
    for (let i = 0; i < 20; i += 1) deep = { inner: deep };
    log.info({ text: 'secret words', deep }, 'bounded');
    const line = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(line.text).toBe('[redacted]');
    expect(JSON.stringify(line)).not.toContain('x@example.org');
    expect(JSON.stringify(line)).toContain('[too deep]');
  });
});
