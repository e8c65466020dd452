/** The log target's line: the cloudevents data plus the event's id and type, one JSON object per line. */
import { buildEventData } from './data.js';
import type { Format } from './types.js';

export const logFormat: Format = (event) => ({
  headers: {},
  body: JSON.stringify({ id: event.id, type: event.type, ...buildEventData(event) }),
});
