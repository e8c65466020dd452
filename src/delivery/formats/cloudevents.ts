/**
 * CloudEvents 1.0 over HTTP (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md):
 * binary mode by default (attributes as ce-* headers, the data as the JSON body), structured mode
 * on request (`application/cloudevents+json`, attributes and data in one envelope).
 */
import { standardWebhooksHeaders } from '../sign.js';
import { buildEventData } from './data.js';
import type { Format } from './types.js';

export const cloudeventsFormat: Format = (event, target, opts) => {
  const data = buildEventData(event);
  const attributes = {
    specversion: '1.0',
    id: event.id,
    source: `reposentry/${event.provider}`,
    type: `dev.reposentry.repository.${event.type}`,
    time: new Date(event.detectedAt).toISOString(),
    subject: data.ref.full,
  };
  let headers: Record<string, string>;
  let body: string;
  if (target.mode === 'structured') {
    body = JSON.stringify({ ...attributes, datacontenttype: 'application/json', data });
    headers = { 'content-type': 'application/cloudevents+json; charset=utf-8' };
  } else {
    body = JSON.stringify(data);
    headers = { 'content-type': 'application/json' };
    for (const [key, value] of Object.entries(attributes)) headers[`ce-${key}`] = value;
  }
  headers['user-agent'] = `reposentry/${opts.version}`;
  headers['idempotency-key'] = event.id;
  if (target.secret) Object.assign(headers, standardWebhooksHeaders(target.secret, event.id, opts.now, body));
  return { headers, body };
};
