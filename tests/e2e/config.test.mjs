// What the window is allowed, read from the configuration and the UI sources (no app needed):
// no Tauri plugin permission, a strict content security policy, and only ui/src/api talking to
// Rust, through `invoke` alone. The running app's side is tests/e2e/lockdown.test.mjs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'bindings' ? [] : sources(full);
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('what the window is allowed', () => {
  it('grants no plugin permission', () => {
    const caps = JSON.parse(readFileSync(path.join(root, 'src-tauri/capabilities/default.json'), 'utf8'));
    assert.deepEqual(caps.permissions, []);
    assert.deepEqual(caps.windows, ['main']);
  });

  it('keeps a strict content security policy', () => {
    const conf = JSON.parse(readFileSync(path.join(root, 'src-tauri/tauri.conf.json'), 'utf8'));
    const csp = conf.app.security.csp;
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-(inline|eval)/);
    assert.doesNotMatch(csp, /https?:\/\/(?!ipc\.localhost)/);
  });

  it('talks to Rust only through ui/src/api, with invoke alone', () => {
    const users = sources(path.join(root, 'ui/src')).filter((f) => readFileSync(f, 'utf8').includes('@tauri-apps/'));
    assert.deepEqual(users.map((f) => path.relative(root, f)), ['ui/src/api/index.ts']);
    const api = readFileSync(path.join(root, 'ui/src/api/index.ts'), 'utf8');
    assert.deepEqual(api.match(/from '@tauri-apps\/[^']+'/g), ["from '@tauri-apps/api/core'"]);
    // invoke, and Channel: a command's stream back to the page (the package's progress), which
    // travels through the same invoke.
    assert.ok(api.includes("import { Channel, invoke } from '@tauri-apps/api/core';"));
  });
});
