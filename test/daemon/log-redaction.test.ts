import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { redactText } from '../../src/redact.js';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('one redaction for free text', () => {
  it('hides userinfo, secret-key values and named secrets, and leaves ordinary text alone', () => {
    expect(redactText('got "http://user:S3CRET@host/a" and https://tok@github.com/a/b.git')).toBe('got "http://[redacted]@host/a" and https://[redacted]@github.com/a/b.git');
    expect(redactText('GET /x?page=2&access_token=S3CRET&per_page=100')).toBe('GET /x?page=2&access_token=[redacted]&per_page=100');
    expect(redactText('Authorization: Bearer S3CRET')).toBe('Authorization: [redacted]');
    expect(redactText('{"private_token":"S3CRET"}')).toBe('{"private_token":"[redacted]"}');
    expect(redactText('failed with S3CRET-VALUE inside', ['S3CRET-VALUE'])).toBe('failed with [redacted] inside');
    expect(redactText('config reload rejected: a.yaml:3:5  repositories[0].token  variable X is not set')).toBe('config reload rejected: a.yaml:3:5  repositories[0].token  variable X is not set');
  });

  it('is idempotent: text redacted twice (an error message, then its log line) reads as redacted once', () => {
    const texts = [
      'credential token:8810ad581e59 was refused: authentication failed (401)',
      'GET /x?page=2&access_token=S3CRET&per_page=100',
      'Authorization: Bearer S3CRET',
      '{"private_token":"S3CRET"}',
      'got "http://user:S3CRET@host/a"',
    ];
    for (const text of texts) expect(redactText(redactText(text))).toBe(redactText(text));
    const out = sink();
    createLogger({ destination: out.stream }).warn({ reason: redactText('credential token:8810ad581e59 was refused') }, 'poll failed');
    expect(out.text()).toContain('"reason":"credential token:[redacted] was refused"');
  });

  it('applies to every log line: messages, string fields and errors', () => {
    const out = sink();
    const log = createLogger({ destination: out.stream }).child({ component: 'test' });
    log.warn({ err: new Error('GET http://u:CANARY1@h/x failed'), url: 'https://h/x?token=CANARY2' }, 'poll of http://u:CANARY3@h/x failed');
    log.error({ nested: { reason: 'Authorization: Basic CANARY4' } }, 'x');
    expect(out.text()).toContain('poll of http://[redacted]@h/x failed');
    for (const canary of ['CANARY1', 'CANARY2', 'CANARY3', 'CANARY4']) expect(out.text()).not.toContain(canary);
  });
});
