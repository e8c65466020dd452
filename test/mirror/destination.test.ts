import { describe, expect, it } from 'vitest';
import { splitDestination } from '../../src/delivery/mirror/create.js';

describe('mirror destination URL', () => {
  it.each([
    ['https://gitea.example/mirrors/app.git', { origin: 'https://gitea.example', owner: 'mirrors', name: 'app' }],
    ['https://Gitea.Example:3000/Group/Sub/App.git/', { origin: 'https://gitea.example:3000', owner: 'Group/Sub', name: 'App' }],
    ['https://user:secret@gitlab.example/g/app', { origin: 'https://gitlab.example', owner: 'g', name: 'app' }],
    ['https://onedev.example/app.git', { origin: 'https://onedev.example', owner: '', name: 'app' }],
  ])('%s → origin, owner path and name', (url, want) => {
    expect(splitDestination(url)).toEqual(want);
  });

  it('decodes the path, so the create API gets the owner encoded once', () => {
    // before: "my%20org", which the API path then encoded again as my%2520org
    expect(splitDestination('https://gitea.example/my%20org/app.git')).toEqual({ origin: 'https://gitea.example', owner: 'my org', name: 'app' });
  });
});
