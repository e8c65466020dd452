/**
 * An unusable http.proxy is a validation error at its line (it used to validate, then stop the
 * daemon at start with an internal error); the message never repeats the credentials.
 */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { createOutboundAgent } from '../../src/http/outbound.js';

async function problems(proxy: string) {
  const text = `http:\n  proxy: "${proxy}"\nrepositories:\n  - name: a\n    url: https://github.com/a/b\n`;
  return loadConfigText(text, '/etc/reposentry/config.yaml', { env: {} });
}

describe('http.proxy', () => {
  it.each([
    ['http://user:S3CRETPW@bad host:3128', 'not a URL'],
    ['user:S3CRETPW@proxy:3128', 'scheme is not supported'],
    ['socks5://user:S3CRETPW@proxy:1080', 'socks5:// scheme is not supported'],
    ['http://user:S3CRETPW@proxy:3128/path', 'no path'],
  ])('%s is refused at its line, without the password', async (proxy, message) => {
    const result = await problems(proxy);
    expect(result.config).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: 'http.proxy', line: 2 });
    expect(result.errors[0]!.message).toContain(message);
    expect(JSON.stringify(result.errors)).not.toContain('S3CRETPW');
  });

  it('accepts http and https proxies with credentials', async () => {
    for (const proxy of ['http://user:pw@proxy.corp:3128', 'https://proxy.corp', 'http://127.0.0.1:3128/']) {
      expect((await problems(proxy)).errors).toEqual([]);
    }
  });

  it('an unusable HTTPS_PROXY from the environment is a clear error naming the variable, not an internal error', () => {
    expect(() => createOutboundAgent(undefined, {}, { HTTPS_PROXY: 'socks5://u:S3CRETPW@proxy:1080' })).toThrow(/HTTPS_PROXY\/HTTP_PROXY: invalid proxy URL: the socks5/);
    try {
      createOutboundAgent(undefined, {}, { HTTPS_PROXY: 'socks5://u:S3CRETPW@proxy:1080' });
    } catch (err) {
      expect(String((err as Error).message)).not.toContain('S3CRETPW');
    }
  });
});
