/**
 * NO_PROXY as curl reads it: a comma- (or space-) separated list of host names, domain suffixes
 * (`example.com` and `.example.com` both match `example.com` and `api.example.com`), IP addresses,
 * CIDR ranges, each optionally with `:port`; `*` alone bypasses the proxy for every host.
 * Loopback addresses are not special (curl's rule): list them to bypass the proxy.
 */
import { BlockList, isIP } from 'node:net';

interface Entry {
  host: string;
  /** 0: any port */
  port: number;
  /** for IP and CIDR entries */
  ips?: BlockList;
}

export interface NoProxy {
  /** true when a request to this host and port goes direct */
  bypass(hostname: string, port: number): boolean;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function parseEntry(raw: string): Entry | null {
  let text = raw.trim().toLowerCase();
  if (!text) return null;
  let port = 0;
  // host:port, [v6]:port; a bare IPv6 address keeps its colons
  const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(text);
  if (withPort) {
    text = withPort[1];
    port = Number(withPort[2]);
  }
  text = stripBrackets(text);
  const cidr = /^(.+)\/(\d{1,3})$/.exec(text);
  if (cidr && isIP(cidr[1])) {
    const ips = new BlockList();
    const family = isIP(cidr[1]) === 6 ? 'ipv6' : 'ipv4';
    ips.addSubnet(cidr[1], Number(cidr[2]), family);
    return { host: text, port, ips };
  }
  if (isIP(text)) {
    const ips = new BlockList();
    ips.addAddress(text, isIP(text) === 6 ? 'ipv6' : 'ipv4');
    return { host: text, port, ips };
  }
  return { host: text.replace(/^\*?\./, ''), port };
}

export function parseNoProxy(value: string): NoProxy {
  const all = value.trim() === '*';
  const entries = all ? [] : value.split(/[,\s]+/).map(parseEntry).filter((e): e is Entry => e !== null);
  return {
    bypass(hostname: string, port: number): boolean {
      if (all) return true;
      const host = stripBrackets(hostname.toLowerCase());
      const family = isIP(host);
      for (const e of entries) {
        if (e.port && e.port !== port) continue;
        if (e.ips) {
          if (family && e.ips.check(host, family === 6 ? 'ipv6' : 'ipv4')) return true;
          continue;
        }
        if (host === e.host || host.endsWith(`.${e.host}`)) return true;
      }
      return false;
    },
  };
}
